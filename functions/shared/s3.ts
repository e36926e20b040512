// A small S3 caller for one bucket: pre-signed links and the few object calls Docket
// makes (HEAD, ranged GET, DELETE, ListObjectsV2), signed with the SDK's own Signature V4
// signer (@smithy/signature-v4, what @aws-sdk/client-s3 signs with), the SDK's default
// credential chain and region loader, and its Node HTTP handler. All of these are in
// every bundle already (the DynamoDB client uses them); @aws-sdk/client-s3 and its
// presigner added some 150 KB of bundle and 1.15-1.2x a bare handler's cold start
// instructions to each function that touched the bucket (issue 17; README "Cold start").
// Requests are what the SDK sends for the same calls: virtual-hosted addressing (path
// style for a local endpoint), the same path encoding, query (x-id included) and signed
// pre-signed links (test/unit/s3.test.ts compares them with the SDK's, byte for byte).
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, loadConfig } from '@smithy/core/config';
import { HttpRequest, buildQueryString, extendedEncodeURIComponent } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { NodeHttpHandler, streamCollector } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** An S3 error answer, named by S3's error code (NoSuchKey, AccessDenied, ...; NotFound for a HEAD's 404). */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export interface BucketOptions {
  bucket: string;
  /** An S3-compatible server (local runtime): path-style addressing. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  region?: string;
  /** Tests: the signing time. */
  now?: () => Date;
}

export interface S3Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

type Query = Record<string, string>;

/** Up to three attempts for throttling, 5xx and connection failures, as the SDK's standard retry. */
const ATTEMPTS = 3;
const retryable = (status: number) => status === 429 || status >= 500;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const xmlText = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()],
  );
/** The text of every <tag> element in `xml` (S3's answers are flat enough for this). */
export const xmlValues = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => xmlText(m[1]));

export function s3Bucket(options: BucketOptions) {
  const endpoint = options.endpoint ? new URL(options.endpoint) : undefined;
  const credentials: AwsCredentialIdentityProvider = options.credentials ? async () => options.credentials! : defaultProvider();
  let region: Promise<string> | undefined;
  const regionOf = () => (region ??= options.region ? Promise.resolve(options.region) : loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS)());
  let signer: SignatureV4 | undefined;
  const signerOf = () =>
    (signer ??= new SignatureV4({ service: 's3', region: regionOf, credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: false, applyChecksum: true }));
  let http: NodeHttpHandler | undefined;

  async function request(method: string, key: string | undefined, query: Query, headers: Record<string, string>): Promise<HttpRequest> {
    const path = key === undefined ? '/' : `/${key.split('/').map(extendedEncodeURIComponent).join('/')}`;
    if (endpoint) {
      const port = endpoint.port ? Number(endpoint.port) : undefined;
      return new HttpRequest({ method, protocol: endpoint.protocol, hostname: endpoint.hostname, port, path: `/${options.bucket}${path}`, query, headers: { host: endpoint.host, ...headers } });
    }
    const hostname = `${options.bucket}.s3.${await regionOf()}.amazonaws.com`;
    return new HttpRequest({ method, protocol: 'https:', hostname, path, query, headers: { host: hostname, ...headers } });
  }

  const urlOf = (r: HttpRequest) => {
    const query = buildQueryString(r.query as Query);
    return `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}${query ? `?${query}` : ''}`;
  };

  return {
    /**
     * A pre-signed link, as @aws-sdk/s3-request-presigner makes it: the payload unsigned,
     * `signed` headers (besides host) covered by the signature, so the request must carry
     * them with these values.
     */
    async presign(method: 'GET' | 'PUT', key: string, p: { operation: string; expiresIn: number; query?: Query; headers?: Record<string, string>; signed?: string[] }): Promise<string> {
      const r = await request(method, key, { ...p.query, 'x-id': p.operation }, { ...p.headers, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' });
      const signedRequest = await signerOf().presign(r, {
        expiresIn: p.expiresIn,
        unsignableHeaders: new Set(['content-type']),
        ...(p.signed ? { signableHeaders: new Set(p.signed) } : {}),
        ...(options.now ? { signingDate: options.now() } : {}),
      });
      return urlOf(signedRequest as HttpRequest);
    },

    /** One signed call; an error answer is thrown as S3Error, after the retries a throttle or 5xx earns. */
    async send(method: 'GET' | 'HEAD' | 'DELETE', key: string | undefined, p: { operation?: string; query?: Query; headers?: Record<string, string> } = {}): Promise<S3Answer> {
      http ??= new NodeHttpHandler();
      for (let attempt = 1; ; attempt++) {
        const r = await request(method, key, { ...p.query, ...(p.operation ? { 'x-id': p.operation } : {}) }, { ...p.headers, 'x-amz-content-sha256': EMPTY_SHA256 });
        const signed = (await signerOf().sign(r, options.now ? { signingDate: options.now() } : {})) as HttpRequest;
        let answer: S3Answer;
        try {
          const { response } = await http.handle(signed);
          answer = { status: response.statusCode, headers: response.headers, body: response.body ? await streamCollector(response.body) : new Uint8Array() };
        } catch (error) {
          if (attempt < ATTEMPTS) {
            await backoff(attempt);
            continue;
          }
          throw error;
        }
        if (answer.status < 300) return answer;
        if (retryable(answer.status) && attempt < ATTEMPTS) {
          await backoff(attempt);
          continue;
        }
        const text = Buffer.from(answer.body).toString('utf8');
        const code = xmlValues(text, 'Code')[0] ?? (answer.status === 404 ? 'NotFound' : String(answer.status));
        throw new S3Error(code, answer.status, xmlValues(text, 'Message')[0] ?? `S3 answered ${answer.status}`);
      }
    },
  };
}

/** Full jitter over 100 ms x 2^attempt, as the SDK's standard retry strategy backs off. */
const backoff = (attempt: number) => new Promise((done) => setTimeout(done, Math.random() * 100 * 2 ** attempt));
