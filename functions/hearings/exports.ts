// A Period's requests for the secretariat's own tools (issue 15): a CSV export without
// confidential names, and counts by State, kind, language and outcome. A Period gathers
// hundreds of requests, not tens of thousands: both read the session's requests page by
// page (bySession) and hold one row per request, a few hundred bytes each.
import type { HearingRequest } from './request';
import { forEachSessionRequest } from './store';
import { csvText, defuse } from '../shared/csv';

export const EXPORT_COLUMNS = [
  'id',
  'submittedAt',
  'status',
  'decisionReleased',
  'kind',
  'states',
  'languages',
  'private',
  'title',
  'matter',
  'participants',
  'confidentialParticipants',
  'assignedTo',
  'scoreAverage',
] as const;

/** Participants as "Name (role)"; a confidential one only as its role: its name never leaves. */
const participantsOf = (r: HearingRequest) =>
  r.participants
    .filter((p) => !p.confidential)
    .map((p) => `${p.name} (${p.role})`)
    .join('; ');

function rowOf(r: HearingRequest): string[] {
  const scores = Object.values(r.scores ?? {});
  const values: Record<(typeof EXPORT_COLUMNS)[number], unknown> = {
    id: r.id,
    submittedAt: r.submittedAt,
    status: r.status,
    decisionReleased: r.held ? 'no' : r.status === 'submitted' || r.status === 'info_requested' ? '' : 'yes',
    kind: r.kind,
    states: r.states.join(' '),
    languages: r.languages.join(' '),
    private: r.private ? 'yes' : 'no',
    title: r.title,
    matter: r.matter ? `${r.matter.type} ${r.matter.number}` : '',
    participants: participantsOf(r),
    confidentialParticipants: r.participants.filter((p) => p.confidential).length,
    assignedTo: r.assignment?.to ?? '',
    scoreAverage: scores.length ? (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(2) : '',
  };
  return EXPORT_COLUMNS.map((c) => defuse(values[c]));
}

export async function requestsCsv(sessionNumber: number): Promise<string> {
  const rows: string[][] = [];
  await forEachSessionRequest(sessionNumber, (r) => void rows.push(rowOf(r)));
  return csvText(EXPORT_COLUMNS, rows);
}

export interface RequestStats {
  sessionNumber: number;
  total: number;
  byState: Record<string, number>;
  byKind: Record<string, number>;
  byLanguage: Record<string, number>;
  byOutcome: Record<string, number>;
}

const bump = (counts: Record<string, number>, key: string) => void (counts[key] = (counts[key] ?? 0) + 1);

/** Counts of a Period's requests; a request concerning three States counts once for each. */
export async function requestStats(sessionNumber: number): Promise<RequestStats> {
  const stats: RequestStats = { sessionNumber, total: 0, byState: {}, byKind: {}, byLanguage: {}, byOutcome: {} };
  await forEachSessionRequest(sessionNumber, (r) => {
    stats.total++;
    r.states.forEach((s) => bump(stats.byState, s));
    bump(stats.byKind, r.kind);
    r.languages.forEach((l) => bump(stats.byLanguage, l));
    bump(stats.byOutcome, r.status);
  });
  return stats;
}
