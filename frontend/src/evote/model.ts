// The E-Vote API as the pages see it, and small shared renderers.
import { h } from '../dom';
import { formatInstant, locale, t } from '../i18n';

// Types only (erased at build): the page speaks the API's own shapes.
import type { Choice } from '../../../functions/evote/ballot';
import type { BallotView, CastVoteView } from '../../../functions/evote/view';

export type { Choice };
export const CHOICES: Choice[] = ['yes', 'no', 'abstain'];
export const COMMISSIONER_IDS = ['c-mx', 'c-cl', 'c-br', 'c-jm', 'c-pa', 'c-pe', 'c-gt'];

/** A ballot and a vote's receipt as the API answers them: the server's own zod schemas. */
export type Ballot = BallotView;
export type Receipt = CastVoteView;

/** Every ballot the caller may see, page after page (the list is paged by nextCursor). */
export async function allBallots(api: <T>(path: string) => Promise<T>): Promise<Ballot[]> {
  const items: Ballot[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<{ items: Ballot[]; nextCursor?: string }>(`/api/ballots?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const countryName = (code: string) => new Intl.DisplayNames([locale()], { type: 'region' }).of(code.toUpperCase()) ?? code;
export const memberName = (cid: string) => t('evote.commissionerOf', { country: countryName(cid.slice(2)) });
export const choiceName = (c: Choice) => t(`evote.choice.${c}`);

export const reasonText = (r: { reason: string; automatic: boolean }) =>
  r.automatic ? t('evote.art17', { state: countryName(r.reason.replace(/^art17:/, '')) }) : r.reason;

/** The result block shown after closing: counts, quorum, adoption, votes or receipts. */
export function resultBlock(ballot: Ballot, myReceipt?: string): HTMLElement {
  const r = ballot.result!;
  const block = h(
    'div',
    { class: 'result', 'data-result': r.adopted ? 'adopted' : 'not-adopted' },
    h('h4', {}, t('evote.result')),
    h('p', { class: 'verdict' }, r.adopted ? t('evote.adopted') : t('evote.notAdopted'), ' — ', r.quorumMet ? t('evote.quorumMet') : t('evote.noQuorum')),
    // Without quorum only the turnout is published, never counts.
    r.quorumMet && r.yes !== undefined
      ? h('p', { class: 'counts' }, t('evote.counts', { yes: r.yes, no: r.no ?? 0, abstain: r.abstain ?? 0 }))
      : h('p', { class: 'turnout' }, t('evote.turnout', { votesCast: r.votesCast, eligible: r.eligible })),
  );
  if (ballot.closedAt) block.append(h('p', { class: 'muted' }, t('evote.closedAt', { date: formatInstant(ballot.closedAt) })));
  if (r.votes) {
    block.append(
      h(
        'table',
        {},
        h('caption', {}, t('evote.votesTable')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('evote.member')), h('th', { scope: 'col' }, t('evote.vote')), h('th', { scope: 'col' }, t('evote.explanation')))),
        h('tbody', {}, r.votes.map((v) => h('tr', {}, h('td', {}, memberName(v.commissionerId)), h('td', {}, choiceName(v.choice)), h('td', {}, v.explanation ?? '')))),
      ),
    );
  }
  if (r.receipts) {
    block.append(
      h(
        'table',
        {},
        h('caption', {}, t('evote.receiptsTable')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('evote.receipt')), h('th', { scope: 'col' }, t('evote.vote')))),
        h(
          'tbody',
          {},
          r.receipts.map((v) =>
            h('tr', { class: v.receipt === myReceipt ? 'mine' : undefined }, h('td', {}, h('code', {}, v.receipt), v.receipt === myReceipt ? ` ${t('evote.yours')}` : ''), h('td', {}, choiceName(v.choice))),
          ),
        ),
      ),
    );
  }
  return block;
}
