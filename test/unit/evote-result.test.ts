// The result of a ballot at closing (quorum 4 of 7; abstentions count towards quorum),
// the rules of who may vote, and receipts.
import { describe, expect, it } from 'vitest';
import { checkReceipt, makeReceipt } from '../../functions/evote/audit';
import { type Ballot, type Choice, QUORUM, assertCanVote, newBallot, tally } from '../../functions/evote/ballot';
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
