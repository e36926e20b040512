// Registration tokens travel only by email (issue 13): tests read them from the emailed
// link in the runtime's mail drop, as a person would from their inbox.
import { listOutbox } from '../../local/outbox';
import type { TestRuntime } from './runtime';

const LINK = /#\/registration\?id=([0-9A-Z]{26})&token=([A-Za-z0-9_-]+)/;

/** The manage tokens of these registrations, from their emailed links (waits for the mail). */
export async function emailedTokens(rt: TestRuntime, ids: string[], attempts = 300): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < attempts && found.size < ids.length; i++) {
    for (const mail of listOutbox(rt.outboxDir)) {
      const link = LINK.exec(mail.text);
      if (link && ids.includes(link[1])) found.set(link[1], link[2]);
    }
    if (found.size < ids.length) await new Promise((r) => setTimeout(r, 100));
  }
  return found;
}

export async function emailedToken(rt: TestRuntime, id: string): Promise<string> {
  const token = (await emailedTokens(rt, [id])).get(id);
  if (!token) throw new Error(`no emailed link for registration ${id}`);
  return token;
}

/** Opens the emailed link: the registration is verified (what the link's page does). */
export async function verifyByEmail(rt: TestRuntime, id: string): Promise<string> {
  const token = await emailedToken(rt, id);
  const res = await rt.call('POST', `/api/registrations/${id}/verify`, { headers: { 'x-registration-token': token } });
  if (res.status !== 200) throw new Error(`verify ${id}: ${res.status} ${res.text}`);
  return token;
}
