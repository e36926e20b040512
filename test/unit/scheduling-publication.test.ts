// What the public sees of a schedule: privacy of the snapshot, the changelog, the iCal
// feed parsed back, conflicts and left-out hearings in words.
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { changesBetween, clashText, publicHearing, renderIcs, renderPublic, type RequestView, unscheduledText } from '../../functions/scheduling/publication';

const request = (over: Partial<RequestView>): RequestView => ({
  id: 'r1',
  status: 'accepted',
  sessionNumber: 178,
  submittedAt: '2020-09-05T12:00:00Z',
  kind: 'thematic',
  states: ['MX', 'GT'],
  title: 'Migrantes en tránsito',
  private: false,
  participants: [
    { name: 'Ana Pública', organization: 'ONG', role: 'petitioner', confidential: false },
    { name: 'Testigo Reservado', role: 'witness', confidential: true },
  ],
  ...over,
});
const slot = { requestId: 'r1', start: '2020-12-03T14:00:00.000Z', end: '2020-12-03T16:00:00.000Z', room: 'Sala virtual 1' };

describe('public snapshot', () => {
  it('never carries a confidential participant', () => {
    const h = publicHearing(slot, request({}));
    expect(JSON.stringify(h)).not.toContain('Reservado');
    expect(h.participants).toEqual([{ name: 'Ana Pública', organization: 'ONG', role: 'petitioner' }]);
    expect(h.title).toBe('Migrantes en tránsito');
  });

  it('shows a private hearing as "Private hearing" with no title or participants, in each language', () => {
    const h = publicHearing({ ...slot, requestId: 'r2' }, request({ id: 'r2', private: true, title: 'Caso reservado 12.345' }));
    expect(JSON.stringify(h)).not.toContain('reservado');
    expect(JSON.stringify(h)).not.toContain('Ana');
    const [en] = renderPublic([h], 'en');
    expect(en).toMatchObject({ title: 'Private hearing', participants: [], private: true, states: ['MX', 'GT'], kind: 'thematic' });
    expect(renderPublic([h], 'fr')[0].title).toBe('Audience privée');
  });
});

describe('changelog', () => {
  it('lists what was added, moved and removed between versions', () => {
    const a = { requestId: 'a', start: '2020-12-03T14:00:00.000Z', end: '2020-12-03T15:00:00.000Z', room: 'R1' };
    const b = { requestId: 'b', start: '2020-12-03T15:00:00.000Z', end: '2020-12-03T16:00:00.000Z', room: 'R1' };
    const c = { requestId: 'c', start: '2020-12-04T15:00:00.000Z', end: '2020-12-04T16:00:00.000Z', room: 'R2' };
    expect(changesBetween([a, b], [a, { ...b, room: 'R2' }, c])).toEqual([
      { requestId: 'b', change: 'moved', from: { start: b.start, room: 'R1' }, to: { start: b.start, room: 'R2' } },
      { requestId: 'c', change: 'added', to: { start: c.start, room: 'R2' } },
    ]);
    expect(changesBetween([a, b], [a])).toEqual([{ requestId: 'b', change: 'removed', from: { start: b.start, room: 'R1' } }]);
    expect(changesBetween([a], [a])).toEqual([]);
  });
});

describe('iCal feed', () => {
  it('has one event per hearing at the right instants, parsed back with node-ical', () => {
    const hearings = [publicHearing(slot, request({})), publicHearing({ ...slot, requestId: 'r2', room: 'Sala virtual 2' }, request({ id: 'r2', private: true, states: ['VE'] }))];
    const text = renderIcs({ number: 178, timeZone: 'America/New_York' }, 2, hearings, 'es', 'https://docket.example');
    expect(text).not.toContain('Reservado');
    const parsed = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(parsed).toHaveLength(2);
    const first = parsed.find((e) => e.uid === '178-r1@docket')!;
    expect(new Date(first.start as Date).toISOString()).toBe('2020-12-03T14:00:00.000Z'); // 09:00 in New York
    expect(new Date(first.end as Date).toISOString()).toBe('2020-12-03T16:00:00.000Z');
    expect(String(first.summary)).toBe('Migrantes en tránsito (México, Guatemala)');
    expect(String(first.location)).toBe('Sala virtual 1');
    const second = parsed.find((e) => e.uid === '178-r2@docket')!;
    expect(String(second.summary)).toBe('Audiencia privada (Venezuela)');
    expect(Number(second.sequence)).toBe(2);
  });
});

describe('in words', () => {
  it('names the State, the commissioner, the room and the other hearing', () => {
    const titleOf = (id: string) => (id === 'x' ? 'Situación en Nicaragua' : id);
    expect(clashText({ constraint: 'state', resource: 'NI', with: 'x' }, 'es', titleOf)).toBe('la delegación de Nicaragua ya está en la audiencia «Situación en Nicaragua» a esa hora.');
    expect(clashText({ constraint: 'commissioner', resource: 'c-pe', with: 'x' }, 'en', titleOf)).toBe('the rapporteur, Commissioner (Peru), is in the hearing “Situación en Nicaragua” at that time.');
    expect(clashText({ constraint: 'room', resource: 'Salle A', with: 'x' }, 'fr', titleOf)).toBe('la salle Salle A est déjà occupée par « Situación en Nicaragua » à cette heure.');
    expect(clashText({ constraint: 'unavailable', resource: '2020-12-04' }, 'pt', titleOf)).toBe('os participantes não estão disponíveis em 2020-12-04.');
    expect(unscheduledText({ reason: 'state', resources: ['VE'] }, 'en')).toBe('The delegations of Venezuela are busy in every slot it could take.');
  });
});
