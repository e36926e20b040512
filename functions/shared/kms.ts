// The two KMS calls envelope.ts makes (GenerateDataKey, Decrypt), as a small caller of
// KMS's JSON 1.1 protocol (POST /, X-Amz-Target: TrentService.<Operation>, binary fields
// as base64), signed with the SDK's own Signature V4 signer, credentials from its default
// chain, region from its loader, sent by its Node HTTP handler: what shared/s3.ts does for
// S3, and with the same pieces, all in every bundle already (the DynamoDB client uses
// them). @aws-sdk/client-kms was 51 KB of the hearings bundle (issue 17), parsed at every
// cold start though only a sealed name's read or write calls it.
// As the SDK does: the endpoint is AWS_ENDPOINT_URL_KMS or AWS_ENDPOINT_URL when set
// (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS), else the Region's; throttles, 5xx and
// connection failures are tried again (three attempts, the standard retry); an error
// answer is thrown named by its code (`__type`), with `$fault` and `$metadata` as the
// SDK's service exceptions carry them (test/unit/kms.test.ts compares the two).
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, loadConfig } from '@smithy/core/config';
import { HttpRequest } from '@smithy/core/protocols';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { Hash } from '@smithy/core/serde';
import { NodeHttpHandler, streamCollector } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** A KMS error answer, named by its code (InvalidCiphertextException, AccessDeniedException, ...). */
export class KmsError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number; requestId?: string; attempts: number };
  constructor(code: string, status: number, message: string, requestId: string | undefined, attempts: number) {
    super(message);
    this.name = code;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}), attempts };
  }
}

export interface KmsOptions {
  /** A KMS-compatible endpoint (tests); by default the environment's, as the SDK reads it, or the Region's. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  region?: string;
}

export interface DataKey {
  /** The data key in the clear: use it, then overwrite it. */
  plaintext: Buffer;
  /** The data key encrypted under the KMS key, to store beside what it sealed. */
  ciphertext: Buffer;
}

/** Three attempts, as the SDK's standard retry strategy. */
const ATTEMPTS = 3;

/** The endpoint the SDK's KMS client would be configured with from the environment. */
function configuredEndpoint(): string | undefined {
  if (process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return process.env.AWS_ENDPOINT_URL_KMS || process.env.AWS_ENDPOINT_URL || undefined;
}

/** KMS's endpoint in a Region (China's Regions have their own domain). */
const regionalEndpoint = (region: string) => `https://kms.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;

/** The error code as the SDK reads a JSON 1.x answer's: `__type`, else `code`, else the header; without a namespace or suffix. */
function errorCode(body: Record<string, unknown>, headers: Record<string, string>): string {
  const raw = body.__type ?? body[Object.keys(body).find((k) => k.toLowerCase() === 'code') ?? ''] ?? headers['x-amzn-errortype'];
  if (raw === undefined || raw === null) return 'Unknown';
  let code = String(raw).split(',')[0].split(':')[0];
  if (code.includes('#')) code = code.split('#')[1];
  return code;
}

const retryable = (error: unknown) => {
  const e = error as Parameters<typeof isTransientError>[0];
  return isThrottlingError(e) || isTransientError(e) || isServerError(e);
};

export function kmsClient(options: KmsOptions = {}) {
  const credentials: AwsCredentialIdentityProvider = options.credentials ? async () => options.credentials! : defaultProvider();
  let region: Promise<string> | undefined;
  const regionOf = () => (region ??= options.region ? Promise.resolve(options.region) : loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS)());
  let signer: SignatureV4 | undefined;
  const signerOf = () => (signer ??= new SignatureV4({ service: 'kms', region: regionOf, credentials, sha256: Hash.bind(null, 'sha256') }));
  let http: NodeHttpHandler | undefined;

  async function request(operation: string, body: string): Promise<HttpRequest> {
    const url = new URL(options.endpoint ?? configuredEndpoint() ?? regionalEndpoint(await regionOf()));
    return new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`,
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `TrentService.${operation}`,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
  }

  /** One operation: its answer's JSON, or a KmsError after the retries a throttle or 5xx earns. */
  async function call(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    http ??= new NodeHttpHandler();
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      try {
        const signed = (await signerOf().sign(await request(operation, body))) as HttpRequest;
        const { response } = await http.handle(signed);
        const text = response.body ? Buffer.from(await streamCollector(response.body)).toString('utf8') : '';
        let json: Record<string, unknown> = {};
        try {
          json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          // Not JSON (a proxy's error page): the status alone says what happened.
        }
        if (response.statusCode < 300) return json;
        const message = String(json.message ?? json.Message ?? 'UnknownError');
        error = new KmsError(errorCode(json, response.headers), response.statusCode, message, response.headers['x-amzn-requestid'], attempt);
      } catch (thrown) {
        error = thrown;
      }
      if (attempt >= ATTEMPTS || !retryable(error)) throw error;
      await backoff(attempt, isThrottlingError(error as Parameters<typeof isThrottlingError>[0]) ? 500 : 100);
    }
  }

  const blob = (value: unknown) => Buffer.from(String(value ?? ''), 'base64');

  return {
    /** A fresh AES-256 data key, in the clear and encrypted under `keyId`, bound to `context`. */
    async generateDataKey(keyId: string, context: Record<string, string>): Promise<DataKey> {
      const out = await call('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context });
      return { plaintext: blob(out.Plaintext), ciphertext: blob(out.CiphertextBlob) };
    },

    /** The data key `ciphertext` holds, when `context` is the one it was generated with (else InvalidCiphertextException). */
    async decrypt(ciphertext: Buffer, context: Record<string, string>, keyId: string): Promise<Buffer> {
      const out = await call('Decrypt', { CiphertextBlob: ciphertext.toString('base64'), EncryptionContext: context, KeyId: keyId });
      return blob(out.Plaintext);
    },
  };
}

export type KmsClient = ReturnType<typeof kmsClient>;

/** Full jitter over base x 2^attempt, as the SDK's standard retry strategy backs off (500 ms base for a throttle, 100 ms else). */
const backoff = (attempt: number, baseMs: number) => new Promise((done) => setTimeout(done, Math.random() * baseMs * 2 ** attempt));
