// Pure rules of registration: secrets, modes offered, the window, retention, the CSV.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedSessions } from '../../functions/sessions/seed';
import { toSession } from '../../functions/sessions/session';
import { RuleBroken } from '../../functions/shared/errors';
import { translate } from '../../functions/shared/messages';
import { parse } from '../../functions/shared/validation';
import { BOM, attendeeViews, attendeesCsv, countsOf } from '../../functions/registrations/attendees';
import '../../functions/registrations/messages';
import {
  CODE_ALPHABET,
  RegistrationInput,
  type RegistrationView,
  assertModeOffered,
  assertWindowOpen,
  emailHash,
  expiryOf,
  hashToken,
  newConfirmationCode,
  newToken,
  normaliseCode,
  tokenMatches,
} from '../../functions/registrations/registration';
import { registrationEntity, registrationsTable } from '../../functions/registrations/table';

const session = (n: number) => toSession(seedSessions.find((s) => s.number === n)!);

const broken = (fn: () => void): RuleBroken => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleBroken) return error;
    throw error;
  }
  throw new Error('no rule was broken');
};

describe('registration secrets', () => {
  it('makes 8-character codes without look-alikes, all symbols reachable', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[01OI]/);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const code = newConfirmationCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(32);
    expect(normaliseCode(' abcd-2345 ')).toBe('ABCD2345');
  });

  it('makes tokens of 256 bits, keeps only their hash, compares in constant time', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(token);
    const stored = hashToken(token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    // The stored value is the one-way SHA-256 of the token, and knowing it opens nothing.
    expect(stored).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));
    expect(tokenMatches(stored, stored)).toBe(false);
    expect(tokenMatches(token, stored)).toBe(true);
    expect(tokenMatches(`${token.slice(0, -1)}x`, stored)).toBe(false);
    expect(tokenMatches('', stored)).toBe(false);
    expect(tokenMatches(undefined, stored)).toBe(false);
  });

  it('guards one registration per email with a hash of the normalised address, per session', () => {
    expect(emailHash(178, ' Ana@Example.ORG ')).toBe(emailHash(178, 'ana@example.org'));
    expect(emailHash(178, 'ana@example.org')).not.toBe(emailHash(177, 'ana@example.org'));
    // The guard keeps a one-way hash of session and address, never the address.
    expect(emailHash(178, 'ana@example.org')).toBe(createHash('sha256').update('178\nana@example.org', 'utf8').digest('hex'));
  });
});

describe('registration rules', () => {
  it('says which mode a session offers when the other has no seats', () => {
    const key = (n: number, mode: 'in_person' | 'online') => broken(() => assertModeOffered(session(n), mode)).key;
    expect(key(178, 'in_person')).toBe('registration.onlineOnly');
    expect(key(175, 'online')).toBe('registration.inPersonOnly');
    expect(key(176, 'online')).toBe('registration.noPublicAttendance');
    expect(key(176, 'in_person')).toBe('registration.noPublicAttendance');
    expect(() => assertModeOffered(session(178), 'online')).not.toThrow();
    expect(translate('en', 'registration.onlineOnly', { session: 178 })).toContain('online only');
  });

  it('opens registration only inside the window and names its dates', () => {
    const s = session(178);
    expect(() => assertWindowOpen(s, new Date('2020-11-25T12:00:00Z'), 'en')).not.toThrow();
    const early = broken(() => assertWindowOpen(s, new Date('2020-11-22T12:00:00Z'), 'en'));
    expect(early.key).toBe('registration.windowNotOpen');
    expect(early.params.opensAt).toMatch(/November 23, 2020/);
    const late = broken(() => assertWindowOpen(s, new Date('2020-12-10T23:00:01Z'), 'es'));
    expect(late.key).toBe('registration.windowClosed');
    expect(late.params.closesAt).toMatch(/10 de diciembre de 2020/);
  });

  it('expires attendee data the configured number of days after the session ends', () => {
    const s = session(178); // ends 15 Dec 2020
    expect(new Date(expiryOf(s, 90) * 1000).toISOString()).toBe('2021-03-16T00:00:00.000Z');
    expect(new Date(expiryOf(s, 0) * 1000).toISOString()).toBe('2020-12-16T00:00:00.000Z');
  });

  it('validates the form: email, country, mode, language', () => {
    const ok = { name: ' Ana ', email: 'ana@example.org', country: 'HT', attendance: 'in_person', language: 'fr', consentToPublish: true };
    expect(parse(RegistrationInput, ok, 'en').name).toBe('Ana');
    const bad = broken(() => parse(RegistrationInput, { ...ok, email: 'ana', country: 'XX', attendance: 'both', language: 'de' }, 'en'));
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['attendance', 'country', 'email', 'language']);
  });
});

describe('attendee export', () => {
  const base = { sessionNumber: 178, country: 'BR', language: 'pt', consentToPublish: false, tokenHash: undefined, expiresAt: 0, createdAt: '2020-11-25T15:00:00.000Z' } as const;
  const items = [
    { ...base, id: 'a', name: 'José "Zé", Jr.', email: 'ze@example.org', organization: '=1+2', attendance: 'online', status: 'confirmed', confirmationCode: 'ABCD2345', checkedInAt: '2020-12-03T14:00:00.000Z' },
    { ...base, id: 'b', name: 'Zoë\nMüller', email: 'z@example.org', attendance: 'online', status: 'waitlisted', waitlistPosition: 1, confirmationCode: 'EFGH6789' },
  ] as unknown as RegistrationView[];

  it('writes UTF-8 with a BOM, RFC 4180 quoting, and defuses formulas', () => {
    const csv = attendeesCsv(items);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toContain('"José ""Zé"", Jr."');
    expect(csv).toContain('"Zoë\nMüller"');
    expect(csv).toContain(",'=1+2,");
    expect(csv.split('\r\n')[0]).toBe(`${BOM}confirmationCode,status,attendance,waitlistPosition,name,email,organization,country,language,accessibilityNeeds,consentToPublish,createdAt,checkedInAt,cancelledAt`);
  });

  it('shows waiting-list positions as they are now, per mode, in ticket order', () => {
    const reg = (id: string, attendance: string, status: string, waitSeq?: number) =>
      ({ ...base, id, name: id, email: `${id}@x.org`, attendance, status, waitSeq, waitlistPosition: waitSeq, tokenHash: 'h', confirmationCode: 'ABCD2345' }) as never;
    const views = attendeeViews([reg('a', 'online', 'waitlisted', 7), reg('b', 'online', 'waitlisted', 3), reg('c', 'in_person', 'waitlisted', 9), reg('d', 'online', 'confirmed', 1)]);
    expect(views.map((v) => [v.id, v.waitlistPosition])).toEqual([['a', 2], ['b', 1], ['c', 1], ['d', undefined]]);
    expect(JSON.stringify(views)).not.toMatch(/tokenHash|waitSeq/);
  });

  it('counts per mode and status', () => {
    expect(countsOf(session(178), items).online).toEqual({ capacity: 1000, confirmed: 1, waitlisted: 1, cancelled: 0, expired: 0, checkedIn: 1 });
  });
});

describe('the mail carries only the name, escaped (issue 13)', () => {
  it('defangs links and addresses, flattens line breaks and bidi controls, keeps real names', async () => {
    const { escapeName } = await import('../../functions/registrations/notices');
    expect(escapeName('José "Zé" da Silva, Jr.')).toBe('José "Zé" da Silva, Jr.');
    expect(escapeName('J.R.R. Tolkien')).toBe('J.R.R. Tolkien');
    expect(escapeName('Win https://evil.example.com/x')).toBe('Win https[:]//evil[.]example[.]com/x');
    expect(escapeName('spam@bad.biz')).toBe('spam[@]bad[.]biz');
    expect(escapeName('Ana\nVisit\u202Eus')).toBe('Ana Visit us');
  });
});

describe('the attendee item, declared once (functions/registrations/table.ts)', () => {
  const reg = {
    id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
    sessionNumber: 178,
    status: 'confirmed' as const,
    name: 'Ana',
    email: 'ana@example.org',
    country: 'BR',
    attendance: 'in_person' as const,
    language: 'pt' as const,
    consentToPublish: false,
    confirmationCode: 'ABCD2345',
    tokenHash: 'h',
    createdAt: '2020-11-25T15:00:00.000Z',
    expiresAt: 1,
  };

  it('derives the key and every index attribute the table declares, and strips them all back', () => {
    const item = registrationEntity.item(reg);
    expect(item).toMatchObject({ pk: `REG#${reg.id}`, sk: 'REG', sessionKey: 'SESSION#178', createdKey: reg.id, codeKey: 'CODE#178#ABCD2345' });
    // Every key attribute of every index of the table comes from the declaration.
    const indexAttributes = (registrationsTable.indexes as readonly { partitionKey: string; sortKey?: string }[]).flatMap((i) => [i.partitionKey, i.sortKey]).filter(Boolean);
    for (const name of indexAttributes) expect(item).toHaveProperty(name as string);
    expect(registrationEntity.strip(item)).toEqual(reg);
  });

  it('status changes touch no index attribute; a code change needs its session to re-derive codeKey', () => {
    expect(registrationEntity.update({ status: 'cancelled', cancelledAt: 'x' }).set).toBe('#e0 = :e0, #e1 = :e1');
    expect(() => registrationEntity.update({ confirmationCode: 'ZZZZ2345' })).toThrow(/codeKey also needs sessionNumber/);
    expect(registrationEntity.update({ confirmationCode: 'ZZZZ2345' }, { sessionNumber: 178 }).values).toMatchObject({ ':e1': 'CODE#178#ZZZZ2345' });
  });
});
