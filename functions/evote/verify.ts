// Verifies a ballot's stored audit chain against the head the ballot recorded: what
// `npm run verify-audit -- <ballotId>` runs, and what the tests call.
import { verifyChain, type Verification } from './audit';
import { readAudit } from './store';

export async function verifyBallotAudit(ballotId: string): Promise<Verification & { ballotId: string; head: { seq: number; hash: string } }> {
  const { head, entries } = await readAudit(ballotId);
  return { ballotId, head, ...verifyChain(entries, head) };
}
