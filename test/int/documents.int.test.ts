// Supporting documents, confidential names at rest, and the retention purge (issue 15),
// on the local runtime: uploads go through the local S3 (s3rver behind the SigV4 front of
// local/s3.ts), the check function runs isolated on each S3 notification.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hearingsTable } from '../../functions/hearings/table';
import { localTableName } from '../../local/tables';
import { APPLICANT, OTHER, SECRETARIAT, freshSession, validBody } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const NOW = '2031-05-10T12:00:00Z';
const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };
const PDF_TYPE = 'application/pdf';

/** A tiny but real PDF and PNG: file-type tells them apart by their first bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let rt: TestRuntime;
let raw: DynamoDBDocumentClient;
let s3: S3Client;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
  raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: rt.ddbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  s3 = new S3Client({ endpoint: rt.s3.endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
});
afterAll(async () => {
  raw?.destroy();
  s3?.destroy();
  await rt?.stop();
});

async function newRequest(body: Record<string, unknown> = {}) {
  const session = await freshSession(rt, WINDOW);
  const res = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session, body) });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, session };
}

const attach = (id: string, body: unknown, as = APPLICANT) => rt.call('POST', `/api/hearing-requests/${id}/documents`, { as, body });
const put = (upload: { url: string; method: string; headers: Record<string, string> }, bytes: Buffer, headers: Record<string, string> = {}) =>
  fetch(upload.url, { method: upload.method, headers: { ...upload.headers, ...headers }, body: new Uint8Array(bytes) });
const list = async (id: string, as = APPLICANT) => rt.call('GET', `/api/hearing-requests/${id}/documents`, { as });
/** Exactly `free` more documents fit: that many attach, the next is refused (422). */
async function expectPlacesFree(id: string, free: number) {
  for (let i = 0; i < free; i++) expect((await attach(id, { fileName: `libre-${i}.pdf`, contentType: PDF_TYPE, size: 10 })).status).toBe(201);
  expect((await attach(id, { fileName: 'de-mas.pdf', contentType: PDF_TYPE, size: 10 })).status).toBe(422);
}

describe('supporting documents', () => {
  it('uploads a PDF straight to S3, checks it from its content, and downloads the same bytes (owner and secretariat)', async () => {
    const { id } = await newRequest();
    const res = await attach(id, { fileName: 'Informe de la organización.pdf', contentType: PDF_TYPE, size: PDF.length });
    expect(res.status, res.text).toBe(201);
    expect(res.body.document).toMatchObject({ fileName: 'Informe de la organización.pdf', contentType: PDF_TYPE, size: PDF.length, status: 'pending' });
    expect(res.body.upload).toMatchObject({ method: 'PUT', headers: { 'Content-Type': PDF_TYPE } });
    expect(res.body.upload.url.startsWith(rt.s3.endpoint)).toBe(true);
    const docId = res.body.document.id as string;

    // Not usable before its bytes are there and checked.
    expect((await rt.call('GET', `/api/hearing-requests/${id}/documents/${docId}`, { as: APPLICANT })).status).toBe(409);

    const uploaded = await put(res.body.upload, PDF);
    expect(uploaded.status).toBe(200);
    await rt.s3.settled();

    const listed = await list(id);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: docId, status: 'available' })]);
    expect((await list(id, SECRETARIAT)).body.items).toHaveLength(1);

    for (const who of [APPLICANT, SECRETARIAT]) {
      const link = await rt.call('GET', `/api/hearing-requests/${id}/documents/${docId}`, { as: who });
      expect(link.status, link.text).toBe(200);
      const download = await fetch(link.body.url);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
      expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''Informe%20de%20la%20organizaci%C3%B3n.pdf");
    }
    // Never public: the object without a signature is refused.
    const unsigned = await fetch(`${rt.s3.endpoint}/${rt.s3.bucketNames.documents}/requests/${id}/${docId}`);
    expect(unsigned.status).toBe(403);
  });

  it('rejects a PNG declared and named as a PDF once its content is read, removes its bytes, and gives its place back', async () => {
    const { id } = await newRequest();
    const res = await attach(id, { fileName: 'acta.pdf', contentType: PDF_TYPE, size: PNG.length });
    expect(res.status).toBe(201);
    expect((await put(res.body.upload, PNG)).status).toBe(200);
    await rt.s3.settled();
    const [doc] = (await list(id)).body.items;
    expect(doc).toMatchObject({ id: res.body.document.id, status: 'rejected', reason: 'type' });
    expect((await rt.call('GET', `/api/hearing-requests/${id}/documents/${doc.id}`, { as: APPLICANT })).status).toBe(409);
    await expect(s3.send(new GetObjectCommand({ Bucket: rt.s3.bucketNames.documents, Key: `requests/${id}/${doc.id}` }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    // The rejected one does not count: two more fit, a fourth does not.
    await expectPlacesFree(id, 2);
  });

  it('binds the upload link to the declared type and size: S3 refuses another Content-Type or more bytes', async () => {
    const { id } = await newRequest();
    const res = await attach(id, { fileName: 'anexo.pdf', contentType: PDF_TYPE, size: PDF.length });
    const otherType = await put(res.body.upload, PDF, { 'Content-Type': 'image/png' });
    expect(otherType.status).toBe(403);
    expect(await otherType.text()).toContain('SignatureDoesNotMatch');
    const bigger = await put(res.body.upload, Buffer.concat([PDF, Buffer.alloc(1024)]));
    expect(bigger.status).toBe(403);
    await rt.s3.settled();
    expect((await list(id)).body.items[0].status).toBe('pending');
  });

  it('refuses a third document, a type not accepted and an oversized file (422 naming the field)', async () => {
    const { id } = await newRequest();
    expect((await attach(id, { fileName: 'uno.pdf', contentType: PDF_TYPE, size: 1000 })).status).toBe(201);
    expect((await attach(id, { fileName: 'dos.odt', contentType: 'application/vnd.oasis.opendocument.text', size: 1000 })).status).toBe(201);
    const third = await attach(id, { fileName: 'tres.pdf', contentType: PDF_TYPE, size: 1000 });
    expect(third.status).toBe(422);
    expect(third.body.errors).toEqual([expect.objectContaining({ path: 'documents' })]);

    const { id: other } = await newRequest();
    const zip = await attach(other, { fileName: 'datos.zip', contentType: 'application/zip', size: 1000 });
    expect(zip.status).toBe(422);
    expect(zip.body.errors).toEqual([expect.objectContaining({ path: 'contentType' })]);
    const big = await attach(other, { fileName: 'video.pdf', contentType: PDF_TYPE, size: 10 * 1024 * 1024 + 1 }, APPLICANT);
    expect(big.status).toBe(422);
    expect(big.body.errors).toEqual([expect.objectContaining({ path: 'size' })]);
    const es = await rt.call('POST', `/api/hearing-requests/${other}/documents`, { as: APPLICANT, body: { fileName: 'x.gif', contentType: 'image/gif', size: 5 }, headers: { 'accept-language': 'es' } });
    expect(es.body.errors[0].message).toContain('PDF, DOCX, ODT, JPEG o PNG');
    expect((await list(other)).body.items).toEqual([]);
  });

  it('rejects a document GuardDuty finds infected (the scan result event of the stack, sent to the check function)', async () => {
    const { id } = await newRequest();
    const res = await attach(id, { fileName: 'anexo.pdf', contentType: PDF_TYPE, size: 1000 });
    const key = `requests/${id}/${res.body.document.id}`;
    const outcome = await rt.events.get('document-check')!.invoke({
      source: 'aws.guardduty',
      'detail-type': 'GuardDuty Malware Protection Object Scan Result',
      detail: { s3ObjectDetails: { bucketName: rt.s3.bucketNames.documents, objectKey: key }, scanResultDetails: { scanResultStatus: 'THREATS_FOUND' } },
    });
    expect(outcome.kind).toBe('ok');
    expect((await list(id)).body.items[0]).toMatchObject({ status: 'rejected', reason: 'malware' });
    // Its place is given back once, even if the event comes again.
    await rt.events.get('document-check')!.invoke({
      'detail-type': 'GuardDuty Malware Protection Object Scan Result',
      detail: { s3ObjectDetails: { objectKey: key }, scanResultDetails: { scanResultStatus: 'THREATS_FOUND' } },
    });
    await expectPlacesFree(id, 2);
  });

  it('lets the owner remove a document (an upload never finished, or one available): its place is free again and its bytes gone', async () => {
    const { id } = await newRequest();
    const never = await attach(id, { fileName: 'nunca.pdf', contentType: PDF_TYPE, size: 1000 });
    const done = await attach(id, { fileName: 'anexo.pdf', contentType: PDF_TYPE, size: PDF.length });
    expect((await put(done.body.upload, PDF)).status).toBe(200);
    await rt.s3.settled();
    await expectPlacesFree(id, 0);

    const remove = (docId: string, as = APPLICANT) => rt.call('DELETE', `/api/hearing-requests/${id}/documents/${docId}`, { as });
    const first = await remove(never.body.document.id);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ id: never.body.document.id, removed: true });
    expect((await remove(never.body.document.id)).status).toBe(404);
    expect((await remove(done.body.document.id, SECRETARIAT)).status).toBe(403);
    expect((await remove(done.body.document.id)).status).toBe(200);
    await expect(s3.send(new GetObjectCommand({ Bucket: rt.s3.bucketNames.documents, Key: `requests/${id}/${done.body.document.id}` }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect((await list(id)).body.items).toEqual([]);
    // Both places are free again, and only two.
    await expectPlacesFree(id, 2);
  });

  it('gives back a rejected document\'s place once: removing it afterwards frees nothing more', async () => {
    const { id } = await newRequest();
    const bad = await attach(id, { fileName: 'acta.pdf', contentType: PDF_TYPE, size: PNG.length });
    expect((await put(bad.body.upload, PNG)).status).toBe(200);
    await rt.s3.settled();
    expect((await list(id)).body.items[0]).toMatchObject({ status: 'rejected' });
    expect((await rt.call('DELETE', `/api/hearing-requests/${id}/documents/${bad.body.document.id}`, { as: APPLICANT })).status).toBe(200);
    await expectPlacesFree(id, 2);
  });

  it('keeps the documents of a decided request: removal refused with 409, in words', async () => {
    const { id } = await newRequest();
    const doc = await attach(id, { fileName: 'anexo.pdf', contentType: PDF_TYPE, size: 1000 });
    const decided = await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Cumple los requisitos.', releaseNow: true } });
    expect(decided.status, decided.text).toBe(200);
    const refused = await rt.call('DELETE', `/api/hearing-requests/${id}/documents/${doc.body.document.id}`, { as: APPLICANT, headers: { 'accept-language': 'en' } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('can no longer be removed');
    expect((await list(id)).body.items).toHaveLength(1);
  });

  it('refuses another applicant (403) on every document route, and changes nothing', async () => {
    const { id } = await newRequest();
    const mine = await attach(id, { fileName: 'uno.pdf', contentType: PDF_TYPE, size: 1000 });
    expect((await attach(id, { fileName: 'intruso.pdf', contentType: PDF_TYPE, size: 1000 }, OTHER)).status).toBe(403);
    expect((await list(id, OTHER)).status).toBe(403);
    expect((await rt.call('GET', `/api/hearing-requests/${id}/documents/${mine.body.document.id}`, { as: OTHER })).status).toBe(403);
    expect((await rt.call('DELETE', `/api/hearing-requests/${id}/documents/${mine.body.document.id}`, { as: OTHER })).status).toBe(403);
    expect((await list(id)).body.items).toHaveLength(1);
  });
});

describe('confidential names at rest', () => {
  it('stores a confidential name only sealed, opens it for the owner and the secretariat, and records each read without personal data', async () => {
    const { id } = await newRequest();
    const TableName = localTableName(hearingsTable);
    const { Item } = await raw.send(new GetCommand({ TableName, Key: { pk: `REQ#${id}`, sk: 'REQ' } }));
    const stored = JSON.stringify(Item);
    expect(stored).not.toContain('Testigo Reservado');
    expect(stored).toContain('Ana Pérez'); // a participant who is not confidential stays readable
    expect(Item!.sealedNames).toMatchObject({ v: 1, key: expect.any(String), data: expect.any(String) });

    for (const who of [APPLICANT, SECRETARIAT]) {
      const res = await rt.call('GET', `/api/hearing-requests/${id}`, { as: who });
      expect(res.body.participants).toContainEqual(expect.objectContaining({ name: 'Testigo Reservado', confidential: true }));
    }
    expect((await rt.call('GET', `/api/hearing-requests/${id}`, { as: OTHER })).status).toBe(403);
    const reads = await raw.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)', ExpressionAttributeValues: { ':pk': `REQ#${id}`, ':r': 'READ#' } }));
    expect(reads.Items!.map((i) => i.role).sort()).toEqual(['owner', 'secretariat']);
    const audit = JSON.stringify(reads.Items);
    expect(audit).not.toContain('Testigo');
    expect(audit).not.toContain('@');

    // An edit keeps the name sealed, and the owner still reads it back.
    const edited = await rt.call('PATCH', `/api/hearing-requests/${id}`, { as: APPLICANT, body: { title: 'Título corregido de la solicitud' } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.participants).toContainEqual(expect.objectContaining({ name: 'Testigo Reservado' }));
    const after = await raw.send(new GetCommand({ TableName, Key: { pk: `REQ#${id}`, sk: 'REQ' } }));
    expect(JSON.stringify(after.Item)).not.toContain('Testigo Reservado');
    // The decision's answer shows the secretariat the name too.
    const decided = await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Cumple los requisitos.' } });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.participants).toContainEqual(expect.objectContaining({ name: 'Testigo Reservado' }));
  });

  it('keeps the name out of the idempotency record, and a replay still answers it to the owner', async () => {
    const session = await freshSession(rt, WINDOW);
    const key = `docs-${Math.random().toString(36).slice(2, 12)}`;
    const body = validBody(session);
    const first = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.body.participants).toContainEqual(expect.objectContaining({ name: 'Testigo Reservado' }));
    const again = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body, headers: { 'idempotency-key': key } });
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.participants).toContainEqual(expect.objectContaining({ name: 'Testigo Reservado' }));
    const items = await raw.send(new QueryCommand({ TableName: localTableName(hearingsTable), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `REQ#${first.body.id}` } }));
    expect(JSON.stringify(items.Items)).not.toContain('Testigo Reservado');
  });
});

describe('retention purge', () => {
  it('purges a Period\'s requests, their documents and read records once the retention has passed, and nothing before', async () => {
    const { id, session } = await newRequest();
    const res = await attach(id, { fileName: 'informe.pdf', contentType: PDF_TYPE, size: PDF.length });
    expect((await put(res.body.upload, PDF)).status).toBe(200);
    await rt.s3.settled();
    expect((await rt.call('GET', `/api/hearing-requests/${id}`, { as: SECRETARIAT })).status).toBe(200);
    const purge = rt.events.get('hearing-purge')!;
    const run = async () => {
      const outcome = await purge.invoke({ sessions: [session] });
      expect(outcome.kind, JSON.stringify(outcome)).toBe('ok');
      return JSON.parse((outcome as { payload: string }).payload) as { periods: number; requests: number; items: number; objects: number };
    };
    try {
      // freshSession's Period ends 2031-12-10: with the default 5 years, due from 2036-12-11.
      await rt.setNow('2036-12-10T12:00:00Z');
      expect(await run()).toMatchObject({ periods: 0, requests: 0 });
      expect((await rt.call('GET', `/api/hearing-requests/${id}`, { as: SECRETARIAT })).status).toBe(200);

      await rt.setNow('2036-12-11T00:00:01Z');
      const purged = await run();
      // The request, its State pointer, its document, and two read records (before and above).
      expect(purged).toMatchObject({ periods: 1, requests: 1, objects: 1 });
      expect(purged.items).toBeGreaterThanOrEqual(4);
    } finally {
      await rt.setNow(NOW);
    }
    expect((await rt.call('GET', `/api/hearing-requests/${id}`, { as: SECRETARIAT })).status).toBe(404);
    const left = await raw.send(new QueryCommand({ TableName: localTableName(hearingsTable), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `REQ#${id}` } }));
    expect(left.Items).toEqual([]);
    await expect(s3.send(new GetObjectCommand({ Bucket: rt.s3.bucketNames.documents, Key: `requests/${id}/${res.body.document.id}` }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});
