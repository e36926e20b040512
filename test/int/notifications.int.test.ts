// Notifications under failure: one message in the middle of a batch fails (the local
// transport's test-only fault hook), the sender stops there and reports it and every
// later record, the stream stand-in redelivers from it as Lambda's event source does,
// and in the end every message was delivered exactly once: no duplicate, no loss.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => rt?.stop());

interface Listed {
  id: string;
  subject: string;
  deliveries: number;
}

const failOnce = (ref: string) => {
  mkdirSync(join(rt.outboxDir, '.fail-once'), { recursive: true });
  writeFileSync(join(rt.outboxDir, '.fail-once', encodeURIComponent(ref)), '');
};

const message = (ref: string, i: number) => ({
  to: 'someone@example.org',
  language: 'en' as const,
  subject: `Batch test ${ref}`,
  text: `Message ${i}`,
  kind: 'test.batch',
  ref,
});

describe('outbox sender', () => {
  it('stops at the first failed record and reports it and every later one', async () => {
    const { handler } = await import('../../functions/notifications/sender');
    const { metrics } = await import('../../functions/shared/metrics');
    const counted = vi.spyOn(metrics, 'addMetric');
    const run = `direct-${Date.now()}`;
    const records = [1, 2, 3, 4, 5].map((i) => ({
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: `${100 + i}`,
        NewImage: marshall({ ...message(`${run}-${i}`, i), id: `${run.toUpperCase()}X${i}`, pk: `MSG#${run}-${i}`, createdAt: new Date().toISOString() }),
      },
    }));
    failOnce(`${run}-3`);
    const first = await handler({ Records: records } as unknown as DynamoDBStreamEvent);
    expect(first.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['103', '104', '105']);
    // The runtime's own stream stand-in may deliver other (seeded) mail in this process
    // meanwhile, so only this batch's failure is counted exactly.
    const names = counted.mock.calls.map(([name]) => name);
    expect(names.filter((n) => n === 'MailFailed')).toEqual(['MailFailed']);
    expect(names.filter((n) => n === 'MailSent').length).toBeGreaterThanOrEqual(2);

    // Lambda's redelivery: from the failed record on.
    const second = await handler({ Records: records.slice(2) } as unknown as DynamoDBStreamEvent);
    expect(second.batchItemFailures).toEqual([]);
    const mine = ((await rt.call('GET', '/api/dev/outbox')).body.items as Listed[]).filter((m) => m.subject.startsWith(`Batch test ${run}`));
    expect(mine.map((m) => m.deliveries)).toEqual([1, 1, 1, 1, 1]);
    counted.mockRestore();
  });

  it('after a failure in the middle of a streamed batch, delivers every message exactly once', async () => {
    const { outboxPut } = await import('../../functions/notifications/outbox');
    const { ddb } = await import('../../functions/shared/ddb');
    const run = `stream-${Date.now()}`;
    const refs = [1, 2, 3, 4, 5, 6, 7].map((i) => `${run}-${i}`);
    failOnce(refs[3]);
    const now = new Date();
    // One transaction: the seven records reach the stream together, so the fault hits the
    // middle of one batch.
    await ddb.send(new TransactWriteCommand({ TransactItems: refs.map((ref, i) => outboxPut(message(ref, i), new Date(now.getTime() + i))) }));

    let mine: Listed[] = [];
    for (let i = 0; i < 200 && mine.length < refs.length; i++) {
      mine = ((await rt.call('GET', '/api/dev/outbox')).body.items as Listed[]).filter((m) => m.subject.startsWith(`Batch test ${run}`));
      if (mine.length < refs.length) await new Promise((r) => setTimeout(r, 100));
    }
    // The fault fired (its file is consumed) and the redelivery has had time to run
    // past the failed record: a few more poll intervals of the stream stand-in.
    expect(existsSync(join(rt.outboxDir, '.fail-once', encodeURIComponent(refs[3])))).toBe(false);
    await new Promise((r) => setTimeout(r, 1_000));
    const listing = (await rt.call('GET', '/api/dev/outbox')).body;
    mine = (listing.items as Listed[]).filter((m) => m.subject.startsWith(`Batch test ${run}`));
    expect(mine.map((m) => m.subject).sort()).toEqual(refs.map((ref) => `Batch test ${ref}`).sort());
    expect(mine.map((m) => m.deliveries)).toEqual(refs.map(() => 1));
    expect(listing.duplicates).toBe(0);
  });

  it('shows a message delivered twice as two deliveries', async () => {
    const { deliver } = await import('../../functions/notifications/transport');
    const id = `01TWICE${Date.now()}`;
    const raw = 'To: someone@example.org\r\nSubject: Twice\r\n\r\nHello';
    await deliver(id, raw);
    await deliver(id, raw);
    const listed = ((await rt.call('GET', '/api/dev/outbox')).body.items as Listed[]).find((m) => m.id === id);
    expect(listed?.deliveries).toBe(2);
  });
});
