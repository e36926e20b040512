// The result of a ballot at closing (quorum 4 of 7; abstentions count towards quorum),
// the rules of who may vote, and receipts.
import { describe, expect, it } from 'vitest';
import { checkReceipt, makeReceipt } from '../../functions/evote/audit';
import { type Ballot, type Choice, QUORUM, assertCanRecuse, assertCanVoid, assertCanVote, closeDecision, newBallot, resultOf, tally } from '../../functions/evote/ballot';
import { Conflict, Forbidden } from '../../functions/shared/errors';

const votes = (yes: number, no: number, abstain: number): Choice[] => [
  ...Array<Choice>(yes).fill('yes'),
  ...Array<Choice>(no).fill('no'),
  ...Array<Choice>(abstain).fill('abstain'),
];

describe('tally', () => {
  // [majority, yes, no, abstain, quorumMet, adopted, why]
  const cases: [Ballot['majority'], number, number, number, boolean, boolean, string][] = [
    ['majority_present', 3, 0, 0, false, false, '3 votes: no quorum, even if all yes'],
    ['absolute_members', 3, 0, 0, false, false, '3 votes: no quorum'],
    ['majority_present', 0, 0, 0, false, false, 'nobody voted'],
    ['absolute_members', 4, 2, 0, true, true, '4 yes of 6 voting: adopted'],
    ['absolute_members', 4, 0, 0, true, true, 'exactly 4 yes, nothing else'],
    ['absolute_members', 3, 1, 0, true, false, 'quorum, majority of those present, but only 3 yes'],
    ['absolute_members', 3, 0, 4, true, false, '3 yes and 4 abstentions: not 4 in favour'],
    ['absolute_members', 7, 0, 0, true, true, 'unanimous'],
    ['majority_present', 3, 3, 0, true, false, '3-3 tie: not adopted'],
    ['majority_present', 3, 3, 1, true, false, '3-3 tie with an abstention: not adopted'],
    ['majority_present', 2, 1, 1, true, true, 'abstention completes quorum; 2 yes > 1 no'],
    ['majority_present', 1, 0, 3, true, true, 'abstentions count for quorum; 1 yes > 0 no'],
    ['majority_present', 0, 0, 4, true, false, 'all abstain: yes is not more than no'],
    ['majority_present', 2, 1, 0, false, false, '3 votes cast: no quorum though yes > no'],
    ['majority_present', 2, 3, 1, true, false, 'more no than yes'],
    ['majority_present', 4, 3, 0, true, true, 'all seven, 4-3'],
  ];
  it.each(cases)('%s %i yes %i no %i abstain → quorum %s, adopted %s (%s)', (majority, yes, no, abstain, quorumMet, adopted) => {
    const result = tally(majority, votes(yes, no, abstain));
    expect(result).toEqual({ yes, no, abstain, votesCast: yes + no + abstain, quorumMet, adopted });
  });

  it('has a quorum of four of the seven members', () => expect(QUORUM).toBe(4));
});

describe('the published result', () => {
  it('without quorum: the turnout and "no quorum" only, never counts (one vote would be that member\'s choice)', () => {
    for (const choices of [votes(1, 0, 0), votes(0, 3, 0), votes(1, 1, 1), []]) {
      const r = resultOf('majority_present', choices, 7);
      expect(r).toEqual({ outcome: 'no_quorum', votesCast: choices.length, eligible: 7, quorumMet: false, adopted: false });
      expect(Object.keys(r)).not.toContain('yes');
    }
  });
  it('with quorum: the counts and the outcome', () => {
    expect(resultOf('absolute_members', votes(4, 2, 0), 6)).toEqual({ outcome: 'adopted', yes: 4, no: 2, abstain: 0, votesCast: 6, eligible: 6, quorumMet: true, adopted: true });
    expect(resultOf('majority_present', votes(2, 2, 0), 7)).toMatchObject({ outcome: 'rejected', quorumMet: true, adopted: false });
  });
});

describe('who may close, void, recuse', () => {
  const created = new Date('2030-01-01T10:00:00Z');
  const open = (kind: 'named' | 'secret', votesCast: number): Ballot => ({
    ...newBallot('01JTESTTESTTESTTESTTESTTES', { title: 't', question: 'q', kind, majority: 'majority_present', closesAt: '2030-01-02T10:00:00Z', stateConcerned: 'PE' }, created),
    status: 'open',
    votesCast,
  });
  const before = new Date('2030-01-02T09:00:00Z');
  const after = new Date('2030-01-02T10:00:00Z');

  it('the secretariat closes early only once every eligible member has voted (6 of 6 here), or at the deadline', () => {
    for (const kind of ['named', 'secret'] as const) {
      expect(() => closeDecision(open(kind, 1), 'secretariat', before)).toThrow(Conflict);
      expect(() => closeDecision(open(kind, 5), 'secretariat', before)).toThrow(Conflict);
      expect(closeDecision(open(kind, 6), 'secretariat', before)).toBe('close');
      expect(closeDecision(open(kind, 1), 'secretariat', after)).toBe('close');
    }
  });
  it('the schedule closes only an open ballot that is due; otherwise nothing', () => {
    expect(closeDecision(open('secret', 1), 'schedule', before)).toBe('skip');
    expect(closeDecision(open('secret', 1), 'schedule', after)).toBe('close');
    expect(closeDecision({ ...open('secret', 1), status: 'void' }, 'schedule', after)).toBe('skip');
    expect(() => closeDecision({ ...open('secret', 1), status: 'void' }, 'secretariat', after)).toThrow(Conflict);
  });
  it('voids a draft or open ballot, not a closed or void one', () => {
    expect(() => assertCanVoid({ ...open('named', 0), status: 'draft' })).not.toThrow();
    expect(() => assertCanVoid(open('named', 3))).not.toThrow();
    expect(() => assertCanVoid({ ...open('named', 3), status: 'closed' })).toThrow(Conflict);
    expect(() => assertCanVoid({ ...open('named', 3), status: 'void' })).toThrow(Conflict);
  });
  it('records recusals on a secret ballot only while a draft (afterwards a refusal would say who voted)', () => {
    expect(() => assertCanRecuse(open('secret', 0), 'c-mx')).toThrow(Conflict);
    expect(() => assertCanRecuse({ ...open('secret', 0), status: 'draft' }, 'c-mx')).not.toThrow();
    expect(() => assertCanRecuse(open('named', 0), 'c-mx')).not.toThrow();
  });
});

describe('who may vote', () => {
  const created = new Date('2030-01-01T10:00:00Z');
  const ballot = (): Ballot => ({
    ...newBallot('01JTESTTESTTESTTESTTESTTES', { title: 't', question: 'q', kind: 'named', majority: 'majority_present', closesAt: '2030-01-02T10:00:00Z', stateConcerned: 'PE' }, created),
    status: 'open',
  });

  it('recuses the national of the State concerned automatically (Art. 17)', () => {
    expect(Object.keys(ballot().recusals)).toEqual(['c-pe']);
    expect(() => assertCanVote(ballot(), 'c-pe', created)).toThrow(Forbidden);
    expect(() => assertCanVote(ballot(), 'c-mx', created)).not.toThrow();
  });

  it('refuses a vote at or after closesAt even while the ballot is still open', () => {
    expect(() => assertCanVote(ballot(), 'c-mx', new Date('2030-01-02T10:00:00Z'))).toThrow(Conflict);
  });

  it('refuses a draft or closed ballot and anyone not seated', () => {
    expect(() => assertCanVote({ ...ballot(), status: 'draft' }, 'c-mx', created)).toThrow(Conflict);
    expect(() => assertCanVote({ ...ballot(), status: 'closed' }, 'c-mx', created)).toThrow(Conflict);
    expect(() => assertCanVote(ballot(), 'c-xx', created)).toThrow(Forbidden);
    expect(() => assertCanVote(ballot(), undefined, created)).toThrow(Forbidden);
  });
});

describe('receipts', () => {
  it('bind ballot, choice and nonce; a different choice or nonce does not match', () => {
    const { receipt, nonce } = makeReceipt('B1', 'yes');
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(checkReceipt('B1', 'yes', nonce, receipt)).toBe(true);
    expect(checkReceipt('B1', 'no', nonce, receipt)).toBe(false);
    expect(checkReceipt('B2', 'yes', nonce, receipt)).toBe(false);
    expect(makeReceipt('B1', 'yes').receipt).not.toBe(receipt);
  });
});
