// Hearing requests: every rule and every transition, pure (no I/O).
import { describe, expect, it } from 'vitest';
import { Conflict, RuleBroken } from '../../functions/shared/errors';
import { LANGS, translate } from '../../functions/shared/messages';
import { parse } from '../../functions/shared/validation';
import { seedSessions } from '../../functions/sessions/seed';
import { toSession } from '../../functions/sessions/session';
import { decisionNotice, submittedNotice } from '../../functions/hearings/notices';
import {
  EditBody,
  type HearingRequest,
  RequestBody,
  STATUSES,
  type Status,
  canEdit,
  canTransition,
  canWithdraw,
  countWords,
  decide,
  normalise,
  requestIssues,
  windowError,
  withoutConfidentialNames,
} from '../../functions/hearings/request';
import { hearingMessages } from '../../functions/hearings/messages';
import { validBody } from '../support/hearings';

const s178 = toSession(seedSessions.find((s) => s.number === 178)!);
const body = (overrides: Record<string, unknown> = {}) => parse(RequestBody, validBody(178, overrides), 'en');
const issuesOf = (overrides: Record<string, unknown>) => requestIssues(normalise(body(overrides))).map((i) => `${i.path}:${i.key}`);
const words = (n: number) => Array(n).fill('palabra').join(' ');

const request = (overrides: Partial<HearingRequest> = {}): HearingRequest => ({
  ...normalise(body()),
  id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
  status: 'submitted',
  submittedAt: '2020-09-10T12:00:00.000Z',
  updatedAt: '2020-09-10T12:00:00.000Z',
  language: 'es',
  ownerSub: 'u-applicant1',
  history: [{ at: '2020-09-10T12:00:00.000Z', status: 'submitted', by: 'u-applicant1' }],
  version: 1,
  ...overrides,
});

describe('request rules', () => {
  it('accepts a valid request', () => {
    expect(issuesOf({})).toEqual([]);
  });

  it('counts words, not characters: objective ≤ 25, basis ≤ 75', () => {
    expect(countWords('  uno  dos\ttres\ncuatro ')).toBe(4);
    expect(countWords('')).toBe(0);
    expect(issuesOf({ objective: words(25), basis: words(75) })).toEqual([]);
    expect(issuesOf({ objective: words(26) })).toEqual(['objective:rule.hearing.words']);
    expect(issuesOf({ basis: words(76) })).toEqual(['basis:rule.hearing.words']);
    expect(issuesOf({ objective: '   ', basis: '' })).toEqual(['objective:rule.hearing.required', 'basis:rule.hearing.required']);
  });

  it('requires the matter for case, precautionary-measure, follow-up hearings and working meetings only', () => {
    for (const kind of ['case', 'precautionary_measure', 'follow_up', 'working_meeting']) {
      expect(issuesOf({ kind, matter: undefined })).toEqual(['matter:rule.hearing.matterRequired']);
    }
    expect(issuesOf({ kind: 'thematic', matter: undefined })).toEqual([]);
  });

  it('takes only OAS member States, 1 to 35, upper-cased and without repeats', () => {
    expect(normalise(body({ states: ['co', 'CO', ' pe '] })).states).toEqual(['CO', 'PE']);
    expect(issuesOf({ states: ['CO', 'ES', 'XX'] })).toEqual(['states.1:rule.hearing.state', 'states.2:rule.hearing.state']);
    expect(issuesOf({ states: [] })).toEqual(['states:rule.hearing.statesCount']);
    expect(issuesOf({ states: ['US', 'CA', 'HT', 'JM'] })).toEqual([]);
  });

  it('takes 1 to 10 participants', () => {
    const p = { name: 'X', role: 'expert', confidential: false };
    expect(issuesOf({ participants: [] })).toEqual(['participants:rule.hearing.participantsCount']);
    expect(issuesOf({ participants: Array(10).fill(p) })).toEqual([]);
    expect(issuesOf({ participants: Array(11).fill(p) })).toEqual(['participants:rule.hearing.participantsCount']);
  });

  it('asks a reason for a private hearing, none for a working meeting (always private)', () => {
    expect(issuesOf({ private: true })).toEqual(['privateReason:rule.hearing.privateReason']);
    expect(issuesOf({ private: true, privateReason: 'Riesgo para las víctimas' })).toEqual([]);
    const meeting = normalise(body({ kind: 'working_meeting', private: false, privateReason: 'x' }));
    expect(meeting.private).toBe(true);
    expect(meeting.privateReason).toBeUndefined();
    expect(requestIssues(meeting)).toEqual([]);
    expect(normalise(body({ private: false, privateReason: 'left over' })).privateReason).toBeUndefined();
  });

  it('checks shapes at the boundary: contact email, enums, dates, participants default to not confidential', () => {
    const fail = (overrides: Record<string, unknown>) => {
      try {
        body(overrides);
        return [];
      } catch (error) {
        return (error as RuleBroken).issues.map((i) => i.path);
      }
    };
    expect(fail({ contact: { name: 'A', email: 'nope' } })).toEqual(['contact.email']);
    expect(fail({ kind: 'party' })).toEqual(['kind']);
    expect(fail({ unavailableDates: ['2020-02-30'] })).toEqual(['unavailableDates.0']);
    expect(fail({ languages: [] })).toEqual(['languages']);
    expect(body({ participants: [{ name: 'A', role: 'expert' }] }).participants[0].confidential).toBe(false);
    expect(normalise(body({ unavailableDates: ['2020-12-04', '2020-12-03', '2020-12-04'] })).unavailableDates).toEqual(['2020-12-03', '2020-12-04']);
    expect(parse(EditBody, { title: 'Nuevo' }, 'en')).toEqual({ title: 'Nuevo' });
    expect(() => parse(EditBody, { sessionNumber: 179 }, 'en')).not.toThrow();
    expect(parse(EditBody, { sessionNumber: 179 }, 'en')).toEqual({});
  });
});

describe('request window', () => {
  it('is open from opensAt to closesAt; outside it names the session and the date in the reader language', () => {
    expect(windowError(s178, new Date('2020-09-10T12:00:00Z'), 'es')).toBeUndefined();
    const late = windowError(s178, new Date('2020-09-24T04:00:00Z'), 'es')!;
    expect(late).toBeInstanceOf(RuleBroken);
    expect(late.key).toBe('hearing.windowClosed');
    expect(late.issues[0].path).toBe('sessionNumber');
    const text = translate('es', late.key, late.params);
    expect(text).toContain('178.º Período de Sesiones');
    expect(text).toContain('23 de septiembre de 2020');
    expect(translate('en', late.key, windowError(s178, new Date('2020-09-24T04:00:00Z'), 'en')!.params)).toContain('September 23, 2020');
    const early = windowError(s178, new Date('2020-09-02T12:00:00Z'), 'fr')!;
    expect(early.key).toBe('hearing.windowNotOpen');
    expect(translate('fr', early.key, early.params)).toContain('3 septembre 2020');
  });
});

describe('status machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = STATUSES.flatMap((from) => STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(
      [
        'submitted>accepted',
        'submitted>rejected',
        'submitted>deferred',
        'submitted>withdrawn',
        'submitted>info_requested',
        'info_requested>submitted',
        'info_requested>withdrawn',
        'deferred>submitted',
        'accepted>scheduled',
        'accepted>withdrawn',
        'scheduled>scheduled',
        'scheduled>withdrawn',
      ].sort(),
    );
  });

  it('decides only submitted requests, with history entries carrying who, when and why', () => {
    const now = new Date('2020-10-20T15:00:00Z');
    expect(decide(request(), { decision: 'accepted', reason: 'Procede' }, 'u-secretariat', now)).toEqual({
      status: 'accepted',
      sessionNumber: 178,
      entries: [{ at: now.toISOString(), status: 'accepted', by: 'u-secretariat', reason: 'Procede' }],
    });
    expect(decide(request(), { decision: 'rejected', reason: 'No procede' }, 's', now).status).toBe('rejected');
    for (const status of ['accepted', 'rejected', 'withdrawn', 'scheduled'] as Status[]) {
      expect(() => decide(request({ status }), { decision: 'accepted', reason: 'x' }, 's', now)).toThrow(Conflict);
    }
  });

  it('defers to a later, named session, landing back in submitted there', () => {
    const now = new Date('2020-10-20T15:00:00Z');
    const outcome = decide(request(), { decision: 'deferred', reason: 'Agenda completa', deferTo: 179 }, 's', now);
    expect(outcome.status).toBe('submitted');
    expect(outcome.sessionNumber).toBe(179);
    expect(outcome.entries.map((e) => e.status)).toEqual(['deferred', 'submitted']);
    const field = (deferTo?: number) => {
      try {
        decide(request(), { decision: 'deferred', reason: 'x', deferTo }, 's', now);
      } catch (error) {
        return (error as RuleBroken).issues.map((i) => `${i.path}:${i.key}`);
      }
    };
    expect(field(undefined)).toEqual(['deferTo:rule.hearing.deferToRequired']);
    expect(field(178)).toEqual(['deferTo:rule.hearing.deferToLater']);
    expect(field(177)).toEqual(['deferTo:rule.hearing.deferToLater']);
  });

  it('lets the owner withdraw until the hearing is held, and edit only while submitted', () => {
    const now = new Date('2020-12-04T12:00:00Z');
    const slot = (start: string) => ({ start, end: start, room: 'Sala virtual 1' });
    expect(canWithdraw(request(), now)).toBe(true);
    expect(canWithdraw(request({ status: 'accepted' }), now)).toBe(true);
    expect(canWithdraw(request({ status: 'scheduled', slot: slot('2020-12-07T14:00:00Z') }), now)).toBe(true);
    expect(canWithdraw(request({ status: 'scheduled', slot: slot('2020-12-03T14:00:00Z') }), now)).toBe(false);
    expect(canWithdraw(request({ status: 'rejected' }), now)).toBe(false);
    expect(canWithdraw(request({ status: 'withdrawn' }), now)).toBe(false);
    expect(STATUSES.filter((status) => canEdit({ status }))).toEqual(['submitted']);
  });
});

describe('confidential participants and notices', () => {
  it('hides confidential names and keeps the others', () => {
    const shown = withoutConfidentialNames(request());
    expect(shown.participants.map((p) => p.name)).toEqual(['Ana Pérez', '']);
    expect(shown.participants[1]).toEqual({ name: '', role: 'witness', confidential: true });
    expect(JSON.stringify(shown)).not.toContain('Testigo Reservado');
  });

  it('writes the acknowledgement and the decision in the applicant language, with the request id', () => {
    for (const language of LANGS) {
      const r = request({ language });
      const ack = submittedNotice(r);
      expect(ack).toMatchObject({ to: 'ana@example.org', language, kind: 'hearing.submitted', ref: r.id });
      expect(ack.subject).toContain(r.id);
      expect(ack.text).toContain(r.id);
      const decided = decisionNotice({ ...r, status: 'accepted' }, 'accepted', 'Procede', 178);
      expect(decided.subject).toContain(translate(language, 'hearing.status.accepted'));
      expect(decided.text).toContain('Procede');
    }
    expect(submittedNotice(request({ language: 'es' })).subject).toBe('Solicitud de audiencia recibida — 01HZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(decisionNotice(request({ language: 'en', sessionNumber: 179 }), 'deferred', 'Full', 178).text).toContain('from the 178th to the 179th');
  });

  it('has every message in the four languages with the same placeholders', () => {
    const shape = (s: string) => [...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort().join(',');
    for (const [key, texts] of Object.entries(hearingMessages)) {
      expect(new Set(LANGS.map((l) => shape(texts[l]))).size, key).toBe(1);
    }
  });
});
