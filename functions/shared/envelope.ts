// Envelope encryption of small secrets (confidential participants' names, issue 15):
// each value gets a fresh data key from KMS (GenerateDataKey, AES-256), is sealed with it
// (AES-256-GCM) and stored with the data key encrypted under the KMS key; opening asks
// KMS to decrypt that data key. The encryption context (a request id, say) binds a
// sealed value to its item, so a value copied to another item does not open.
// Locally there is no KMS: LOCAL_KMS_KEY (a 256-bit key the local runtime keeps in its
// data directory) wraps the data keys the same way. Exactly one of the two is set.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { optional, readConfig } from './config';
import { kmsClient } from './kms';

const config = readConfig({
  /** The KMS key (ARN or alias) that encrypts data keys (the stack sets it). */
  CONFIDENTIAL_KEY_ID: optional(),
  /** Local runtime only: base64 of a 256-bit key standing in for KMS. */
  LOCAL_KMS_KEY: optional(),
});

export interface Sealed {
  v: 1;
  /** The data key, encrypted (by KMS, or locally by LOCAL_KMS_KEY), base64. */
  key: string;
  iv: string;
  tag: string;
  data: string;
}

type Context = Record<string, string>;

// A small KMS caller (kms.ts) rather than @aws-sdk/client-kms (issue 17): it is built of
// the SDK pieces the bundle has anyway, so it costs a cold start next to nothing, and
// nothing is sent until a name is first sealed or opened.
const kms = config.CONFIDENTIAL_KEY_ID ? { keyId: config.CONFIDENTIAL_KEY_ID, client: kmsClient() } : undefined;

function localKey(): Buffer {
  const key = Buffer.from(config.LOCAL_KMS_KEY ?? '', 'base64');
  if (key.length !== 32) throw new Error('Docket configuration is invalid or missing: CONFIDENTIAL_KEY_ID or LOCAL_KMS_KEY');
  return key;
}

const aad = (context: Context) => Buffer.from(JSON.stringify(Object.entries(context).sort()), 'utf8');

function gcmSeal(key: Buffer, plaintext: Buffer, context: Context) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(context));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function gcmOpen(key: Buffer, sealed: { iv: Buffer; data: Buffer; tag: Buffer }, context: Context): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv).setAAD(aad(context));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.data), decipher.final()]);
}

async function newDataKey(context: Context): Promise<{ plain: Buffer; wrapped: Buffer }> {
  if (kms) {
    const key = await kms.client.generateDataKey(kms.keyId, context);
    return { plain: key.plaintext, wrapped: key.ciphertext };
  }
  const plain = randomBytes(32);
  const w = gcmSeal(localKey(), plain, context);
  return { plain, wrapped: Buffer.concat([w.iv, w.tag, w.data]) };
}

async function openDataKey(wrapped: Buffer, context: Context): Promise<Buffer> {
  if (kms) return kms.client.decrypt(wrapped, context, kms.keyId);
  return gcmOpen(localKey(), { iv: wrapped.subarray(0, 12), tag: wrapped.subarray(12, 28), data: wrapped.subarray(28) }, context);
}

export async function seal(plaintext: string, context: Context): Promise<Sealed> {
  const { plain, wrapped } = await newDataKey(context);
  try {
    const s = gcmSeal(plain, Buffer.from(plaintext, 'utf8'), context);
    return { v: 1, key: wrapped.toString('base64'), iv: s.iv.toString('base64'), tag: s.tag.toString('base64'), data: s.data.toString('base64') };
  } finally {
    plain.fill(0);
  }
}

export async function open(sealed: Sealed, context: Context): Promise<string> {
  const plain = await openDataKey(Buffer.from(sealed.key, 'base64'), context);
  try {
    const b = (s: string) => Buffer.from(s, 'base64');
    return gcmOpen(plain, { iv: b(sealed.iv), tag: b(sealed.tag), data: b(sealed.data) }, context).toString('utf8');
  } finally {
    plain.fill(0);
  }
}
