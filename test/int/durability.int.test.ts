// Data written through the local runtime on disk survives a restart (issue 8, 4).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamo';
import { startLocal } from '../../local/server';
import { sessionBody } from '../support/policy';

describe('durability', () => {
  it('keeps what was written across a stop and start on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'docket-durable-'));
    const ddbPort = await freePort();
    const body = sessionBody();
    try {
      const first = await startLocal({ dataDir, ddbPort });
      const login = await fetch(`${first.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ email: 'secretariat@example.org' }) });
      const { token } = (await login.json()) as { token: string };
      const created = await fetch(`${first.url}/api/sessions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(created.status).toBe(201);
      expect(first.seeded.sessions).toBe(4);
      await first.stop();

      const second = await startLocal({ dataDir, ddbPort });
      try {
        expect(second.seeded.sessions).toBe(0); // seeding found everything in place
        const read = await fetch(`${second.url}/api/sessions/${body.number}`);
        expect(read.status).toBe(200);
        expect(((await read.json()) as { title: string }).title).toBe(body.title);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // A safety net: two DynamoDB Local starts on disk and two cold starts of a function.
  }, 180_000);
});
