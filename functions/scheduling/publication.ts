// What the public sees of a schedule and how versions differ: the public snapshot of a
// hearing (private ones without title or participants, confidential participants
// never), the changelog between versions, the iCal feed, and conflicts put in words.
import ical from 'ical-generator';
import { COMMISSIONERS } from '../shared/commissioners';
import { LANGS, type Lang, translate } from '../shared/messages';
import { stateName } from '../shared/states';
import type { Clash } from './model';
import './messages';

export interface Assignment {
  requestId: string;
  start: string;
  end: string;
  room: string;
}

/** The fields of a hearing request scheduling reads (the hearings store's HearingRequest has more). */
export interface RequestView {
  id: string;
  status: string;
  sessionNumber: number;
  submittedAt: string;
  kind: string;
  states: string[];
  title: string;
  private: boolean;
  participants: { name: string; organization?: string; role: string; confidential: boolean }[];
  unavailableDates?: string[];
  slot?: { start: string; end: string; room: string };
  contact?: { email: string };
  /** A decision recorded but not yet released to the applicant (hearings/review.ts). */
  held?: unknown;
  language?: Lang;
}

export interface PublicHearing extends Assignment {
  kind: string;
  states: string[];
  private: boolean;
  /** Absent for private hearings: the API renders "Private hearing" in the reader's language. */
  title?: string;
  /** Public hearings only, and never a confidential participant. */
  participants?: { name: string; organization?: string; role: string }[];
}

export function publicHearing(a: Assignment, r: RequestView): PublicHearing {
  const base = { ...a, kind: r.kind, states: [...r.states], private: r.private };
  if (r.private) return base;
  return {
    ...base,
    title: r.title,
    participants: r.participants.filter((p) => !p.confidential).map(({ name, organization, role }) => (organization ? { name, organization, role } : { name, role })),
  };
}

export const titleFor = (h: PublicHearing, lang: Lang) => (h.private ? translate(lang, 'schedule.privateHearing') : (h.title ?? ''));

/** The public view in a language; private hearings are titled "Private hearing" and carry no participants. */
export const renderPublic = (hearings: readonly PublicHearing[], lang: Lang) =>
  hearings.map((h) => ({ ...h, title: titleFor(h, lang), participants: h.private ? [] : (h.participants ?? []) }));

export interface Change {
  requestId: string;
  change: 'added' | 'removed' | 'moved';
  from?: { start: string; room: string };
  to?: { start: string; room: string };
}

export function changesBetween(previous: readonly Assignment[], next: readonly Assignment[]): Change[] {
  const before = new Map(previous.map((a) => [a.requestId, a]));
  const after = new Map(next.map((a) => [a.requestId, a]));
  const out: Change[] = [];
  for (const a of next) {
    const b = before.get(a.requestId);
    if (!b) out.push({ requestId: a.requestId, change: 'added', to: { start: a.start, room: a.room } });
    else if (b.start !== a.start || b.room !== a.room) out.push({ requestId: a.requestId, change: 'moved', from: { start: b.start, room: b.room }, to: { start: a.start, room: a.room } });
  }
  for (const b of previous) if (!after.has(b.requestId)) out.push({ requestId: b.requestId, change: 'removed', from: { start: b.start, room: b.room } });
  return out.sort((x, y) => x.requestId.localeCompare(y.requestId));
}

/** One VEVENT per hearing, instants in UTC (unambiguous in every client), stable UIDs. */
export function renderIcs(
  session: { number: number; timeZone: string; location?: string },
  version: number,
  hearings: readonly PublicHearing[],
  lang: Lang,
  siteUrl: string,
  /** Titles in the four languages the secretariat gave (issue 16): the reader's as the summary, the others in the description. */
  titles: ReadonlyMap<string, Partial<Record<Lang, string>>> = new Map(),
): string {
  const calendar = ical({
    name: translate(lang, 'schedule.calendarName', { number: session.number }),
    prodId: { company: 'IACHR', product: 'Docket', language: lang.toUpperCase() },
    x: { 'X-WR-TIMEZONE': session.timeZone },
  });
  for (const h of hearings) {
    const states = h.states.map((s) => stateName(s, lang)).join(', ');
    const given = h.private ? undefined : titles.get(h.requestId);
    const others = given ? LANGS.filter((l) => l !== lang && given[l]).map((l) => `${l.toUpperCase()}: ${given[l]}`) : [];
    calendar.createEvent({
      id: `${session.number}-${h.requestId}@docket`,
      start: new Date(h.start),
      end: new Date(h.end),
      stamp: new Date(h.start),
      sequence: version,
      summary: `${given?.[lang] ?? titleFor(h, lang)} (${states})`,
      description: others.length ? others.join('\n') : undefined,
      location: session.location ? `${h.room}, ${session.location}` : h.room,
      url: `${siteUrl}/#/schedule?session=${session.number}`,
    });
  }
  return calendar.toString();
}

const commissionerLabel = (id: string) => COMMISSIONERS.find((c) => c.id === id)?.label ?? id;

/** A clash in words, in the reader's language; `titleOf` names the other hearing. */
export function clashText(clash: Clash, lang: Lang, titleOf: (id: string) => string): string {
  const resource =
    clash.constraint === 'state' ? stateName(clash.resource ?? '', lang) : clash.constraint === 'commissioner' ? commissionerLabel(clash.resource ?? '') : (clash.resource ?? '');
  return translate(lang, `clash.${clash.constraint}`, { resource, with: clash.with ? titleOf(clash.with) : '' });
}

export function unscheduledText(u: { reason: string; resources: string[] }, lang: Lang): string {
  const resources = u.resources.map((r) => (u.reason === 'state' ? stateName(r, lang) : u.reason === 'commissioner' ? commissionerLabel(r) : r)).join(', ');
  return translate(lang, `unscheduled.${u.reason}`, { resources });
}
