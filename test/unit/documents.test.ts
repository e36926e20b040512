// Pure rules of supporting documents and retention (issue 15), and the local S3's
// Signature V4 check of pre-signed links (local/s3.ts) against links the AWS SDK signs.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, attachmentOf, checkContent, idsOfObjectKey, objectKeyOf, statusOf } from '../../functions/hearings/documents';
import { periodsDue, purgeDueAt } from '../../functions/hearings/retention';
import { LOCAL_S3_KEY, presignedRefusal } from '../../local/s3';

const PDF = 'application/pdf';

describe('document status', () => {
  it('is available only once the content matched and the scan was clean', () => {
    expect(statusOf({})).toEqual({ status: 'pending' });
    expect(statusOf({ typeCheck: { ok: true } })).toEqual({ status: 'pending' });
    expect(statusOf({ scan: 'clean' })).toEqual({ status: 'pending' });
    expect(statusOf({ typeCheck: { ok: true }, scan: 'clean' })).toEqual({ status: 'available' });
    expect(statusOf({ typeCheck: { ok: false, reason: 'type' }, scan: 'clean' })).toEqual({ status: 'rejected', reason: 'type' });
    expect(statusOf({ typeCheck: { ok: true }, scan: 'threats' })).toEqual({ status: 'rejected', reason: 'malware' });
    expect(statusOf({ scan: 'unsupported' })).toEqual({ status: 'rejected', reason: 'scan' });
  });

  it('checks the type read from the content against the declared one, and the stored size', () => {
    expect(checkContent({ contentType: PDF, size: 100 }, PDF, 100)).toEqual({ ok: true, detected: PDF });
    expect(checkContent({ contentType: PDF, size: 100 }, 'image/png', 100)).toMatchObject({ ok: false, reason: 'type' });
    expect(checkContent({ contentType: PDF, size: 100 }, undefined, 100)).toMatchObject({ ok: false, reason: 'type' });
    expect(checkContent({ contentType: PDF, size: 100 }, PDF, 101)).toMatchObject({ ok: false, reason: 'size' });
    expect(checkContent({ contentType: PDF, size: MAX_DOCUMENT_BYTES + 1 }, PDF, MAX_DOCUMENT_BYTES + 1)).toMatchObject({ ok: false, reason: 'size' });
  });

  it('names objects by ids only and reads the ids back; other keys are not documents', () => {
    const key = objectKeyOf('01JA0000000000000000000000', '01JB0000000000000000000000');
    expect(key).toBe('requests/01JA0000000000000000000000/01JB0000000000000000000000');
    expect(idsOfObjectKey(key)).toEqual({ requestId: '01JA0000000000000000000000', documentId: '01JB0000000000000000000000' });
    expect(idsOfObjectKey('requests/../etc/passwd')).toBeUndefined();
    expect(idsOfObjectKey('malware-protection-resource-validation-object')).toBeUndefined();
  });

  it('quotes a download name safely (RFC 6266)', () => {
    expect(attachmentOf('Informe "final" ñ.pdf')).toBe(`attachment; filename="Informe _final_ _.pdf"; filename*=UTF-8''Informe%20%22final%22%20%C3%B1.pdf`);
  });
});

describe('retention', () => {
  it('is due the given years after the end of the last day of the Period', () => {
    expect(purgeDueAt('2020-12-15', 5).toISOString()).toBe('2025-12-16T00:00:00.000Z');
    const sessions = [
      { number: 177, endDate: '2020-10-09' },
      { number: 178, endDate: '2020-12-15' },
    ];
    expect(periodsDue(sessions, new Date('2025-12-15T23:59:59Z'), 5)).toEqual([177]);
    expect(periodsDue(sessions, new Date('2025-12-16T00:00:00Z'), 5)).toEqual([177, 178]);
    expect(periodsDue(sessions, new Date('2025-12-16T00:00:00Z'), 6)).toEqual([]);
  });
});

describe('the local S3 check of pre-signed links', () => {
  const s3 = new S3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4999', forcePathStyle: true, credentials: LOCAL_S3_KEY, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const link = () =>
    getSignedUrl(s3, new PutObjectCommand({ Bucket: 'docket-documents', Key: 'requests/a/b', ContentType: PDF, ContentLength: 1234 }), {
      expiresIn: 300,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
  const headers = (over: Record<string, string> = {}) => ({ host: '127.0.0.1:4999', 'content-type': PDF, 'content-length': '1234', ...over });
  const pathOf = (url: string) => url.slice(url.indexOf('/', 'http://'.length));

  it('accepts the link as signed, and refuses another type, another size, another key, or after it expires', async () => {
    const url = await link();
    expect(presignedRefusal('PUT', pathOf(url), headers())).toBeUndefined();
    expect(presignedRefusal('PUT', pathOf(url), headers({ 'content-type': 'image/png' }))?.code).toBe('SignatureDoesNotMatch');
    expect(presignedRefusal('PUT', pathOf(url), headers({ 'content-length': '1235' }))?.code).toBe('SignatureDoesNotMatch');
    expect(presignedRefusal('PUT', pathOf(url).replace('requests/a/b', 'requests/a/c'), headers())?.code).toBe('SignatureDoesNotMatch');
    expect(presignedRefusal('GET', pathOf(url), headers())?.code).toBe('SignatureDoesNotMatch');
    expect(presignedRefusal('PUT', pathOf(url), headers(), new Date(Date.now() + 301_000))?.code).toBe('AccessDenied');
  });
});
