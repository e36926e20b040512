// The commissioner's dashboard: open consultations with their deadline, a vote with a
// confirm step, the receipt shown and downloadable, the recusal notice, and results
// after closing. Receipts and their secret codes stay in this browser only.
import { ApiError, api, hasRole, signedIn } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n';
import { tag } from '../ui';
import type { Page } from '../routes';
import { type Ballot, CHOICES, type Choice, type Receipt, allBallots, choiceName, reasonText, resultBlock } from './model';
import './texts';

// Per member: a shared computer keeps one member's receipts (a secret ballot's choice)
// when a session simply ends, and the next member who voted on the same ballot must not
// be shown them as theirs. The prefix is what signing out forgets (auth.ts).
const storeKey = () => `docket.evote.receipts.${signedIn()?.user.commissionerId ?? ''}`;
function savedReceipts(): Record<string, Receipt> {
  if (!signedIn()?.user.commissionerId) return {};
  try {
    return JSON.parse(localStorage.getItem(storeKey()) ?? '{}') as Record<string, Receipt>;
  } catch {
    return {};
  }
}
function saveReceipt(receipt: Receipt) {
  if (!signedIn()?.user.commissionerId) return;
  try {
    localStorage.setItem(storeKey(), JSON.stringify({ ...savedReceipts(), [receipt.ballotId]: receipt }));
  } catch {
    /* private mode: the download is the copy */
  }
}

function receiptBlock(ballot: Ballot, receipt: Receipt): HTMLElement {
  const text = [
    `${t('evote.receiptTitle')} — Docket`,
    `${ballot.title}`,
    `ballot: ${receipt.ballotId}`,
    `${t('evote.yourChoice')}: ${receipt.choice} (${choiceName(receipt.choice)})`,
    `${t('evote.receipt')}: ${receipt.receipt}`,
    `${t('evote.nonce')}: ${receipt.nonce}`,
    `${receipt.castAt}`,
    t('evote.receiptFile'),
  ].join('\n');
  return h(
    'div',
    { class: 'receipt', role: 'status' },
    h('h4', {}, t('evote.receiptTitle')),
    h('p', {}, t('evote.votedChoice', { choice: choiceName(receipt.choice) })),
    h('dl', {}, h('dt', {}, t('evote.receipt')), h('dd', {}, h('code', { class: 'receipt-hash' }, receipt.receipt)), h('dt', {}, t('evote.nonce')), h('dd', {}, h('code', {}, receipt.nonce))),
    h('p', { class: 'muted' }, t('evote.receiptHelp')),
    h('a', { class: 'button', href: `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`, download: `receipt-${receipt.ballotId}.txt` }, t('evote.download')),
  );
}

function voteForm(ballot: Ballot, section: HTMLElement, done: (receipt: Receipt) => void): HTMLElement {
  const form = h('form', { class: 'vote-form', novalidate: true });
  const legendId = `legend-${ballot.id}`;
  const errorId = `choice-error-${ballot.id}`;
  const explId = `explanation-${ballot.id}`;
  const explErrorId = `explanation-error-${ballot.id}`;
  const fieldset = h(
    'fieldset',
    { 'aria-describedby': errorId },
    h('legend', { id: legendId }, t('evote.yourChoice')),
    CHOICES.map((c) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: `choice-${ballot.id}`, value: c }), ' ', choiceName(c))),
    h('p', { id: errorId, class: 'field-error' }),
  );
  const explanation = h('textarea', { id: explId, rows: 3, maxlength: 4000, 'aria-describedby': explErrorId });
  const step = h('div', { class: 'step' });
  const review = h('button', { type: 'submit' }, t('evote.review'));
  form.append(fieldset, h('div', { class: 'field' }, h('label', { for: explId }, t('evote.explanation')), explanation, h('p', { id: explErrorId, class: 'field-error' })), review, step);
  const alert = h('p', { role: 'alert' });
  section.append(alert);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = form.querySelector<HTMLInputElement>(`input[name="choice-${ballot.id}"]:checked`)?.value as Choice | undefined;
    document.getElementById(errorId)!.textContent = picked ? '' : t('evote.pickChoice');
    if (!picked) return;
    review.disabled = true;
    fieldset.disabled = true;
    const confirm = h('button', { type: 'button', class: 'confirm' }, t('evote.confirm'));
    const back = h('button', { type: 'button', class: 'secondary' }, t('evote.back'));
    step.replaceChildren(h('p', { class: 'confirm-text' }, t('evote.confirmText', { choice: choiceName(picked) })), confirm, ' ', back);
    back.addEventListener('click', () => {
      step.replaceChildren();
      review.disabled = false;
      fieldset.disabled = false;
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      back.disabled = true;
      try {
        const receipt = await api<Receipt>(`/api/ballots/${ballot.id}/votes`, {
          method: 'POST',
          json: { choice: picked, explanation: explanation.value.trim() || undefined },
        });
        saveReceipt(receipt);
        done(receipt);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        for (const e of error.problem.errors ?? []) {
          const target = document.getElementById(e.path === 'explanation' ? explErrorId : errorId);
          if (target) target.textContent = e.message;
        }
        alert.textContent = error.problem.detail;
        step.replaceChildren();
        review.disabled = false;
        fieldset.disabled = false;
      }
    });
    confirm.focus();
  });
  return form;
}

function ballotCard(ballot: Ballot): HTMLElement {
  const headingId = `ballot-${ballot.id}`;
  const section = h(
    'section',
    { class: 'card ballot', 'aria-labelledby': headingId, 'data-ballot': ballot.id, 'data-status': ballot.status },
    h('h3', { id: headingId }, ballot.title, ' ', ballot.status === 'open' ? mineTag(ballot) : null),
    h('p', {}, ballot.question),
    h('p', { class: 'muted' }, `${t(`evote.kind.${ballot.kind}`)} · ${t(`evote.majority.${ballot.majority}`)}`),
  );
  const saved = savedReceipts()[ballot.id];
  if (ballot.status === 'open') {
    section.append(
      h('p', { class: 'deadline' }, t('evote.deadline', { date: formatInstant(ballot.closesAt) })),
      h('p', { class: 'participation' }, t('evote.participation', { votesCast: ballot.votesCast, eligible: ballot.eligible })),
    );
    if (ballot.recused) section.append(h('p', { class: 'recused', role: 'note' }, t('evote.recused', { reason: reasonText(ballot.recused) })));
    else if (ballot.myVote) {
      section.append(h('p', { class: 'voted' }, t('evote.voted', { date: formatInstant(ballot.myVote.castAt) })));
      if (saved) section.append(receiptBlock(ballot, saved));
      else if (ballot.myVote.choice) section.append(h('p', {}, t('evote.votedChoice', { choice: ballot.myVote.choice ? t(`evote.choice.${ballot.myVote.choice}`) : '' })));
    } else {
      section.append(
        voteForm(ballot, section, (receipt) => {
          section.querySelector('.vote-form')?.remove();
          const count = section.querySelector('.participation');
          if (count) count.textContent = t('evote.participation', { votesCast: ballot.votesCast + 1, eligible: ballot.eligible });
          const block = receiptBlock(ballot, receipt);
          section.append(block);
          block.querySelector('h4')?.setAttribute('tabindex', '-1');
          (block.querySelector('h4') as HTMLElement | null)?.focus();
        }),
      );
    }
  } else if (ballot.status === 'closed' && ballot.result) {
    if (ballot.recused) section.append(h('p', { class: 'recused', role: 'note' }, t('evote.recused', { reason: reasonText(ballot.recused) })));
    section.append(resultBlock(ballot, saved?.receipt ?? ballot.myVote?.receipt));
  } else if (ballot.status === 'void') {
    section.append(h('p', { class: 'voided' }, t('evote.voided', { reason: ballot.voidReason ?? '' })));
  }
  return section;
}

const RECENT_CLOSED = 20;
const awaiting = (b: Ballot) => b.status === 'open' && !b.myVote && !b.recused;
const mineTag = (b: Ballot) => (b.recused ? tag(t('evote.youRecused'), 'warn') : b.myVote ? tag(t('evote.youVoted'), 'ok') : tag(t('evote.awaiting'), 'info', { 'data-awaiting': 'true' }));

export const evotePage: Page = {
  path: 'evote',
  titleKey: 'evote.title',
  nav: ['commissioner'],
  async render(main) {
    main.append(h('h1', {}, t('evote.title')), h('p', {}, t('evote.intro')));
    if (!signedIn() || !(hasRole('commissioner') || hasRole('secretariat'))) {
      main.append(h('p', { role: 'status' }, h('a', { href: '#/signin' }, t('evote.signInFirst'))));
      return;
    }
    const items = await allBallots(api);
    // What awaits this member's vote comes first (soonest deadline first), then the rest.
    const open = items.filter((b) => b.status === 'open').sort((a, b) => Number(awaiting(b)) - Number(awaiting(a)) || a.closesAt.localeCompare(b.closesAt));
    // Secret ballots publish their receipts on the ballot itself, not in the list: fetched
    // for the most recent closed ones only (the list is newest first), not for years of them.
    const closed = await Promise.all(
      items
        .filter((b) => b.status === 'closed' || b.status === 'void')
        .slice(0, RECENT_CLOSED)
        .map((b) => (b.kind === 'secret' && b.status === 'closed' ? api<Ballot>(`/api/ballots/${b.id}`) : b)),
    );
    main.append(h('h2', { class: 'group' }, t('evote.openHeading')));
    if (open.length === 0) main.append(h('p', {}, t('evote.none')));
    for (const b of open) main.append(ballotCard(b));
    if (closed.length) {
      main.append(h('h2', { class: 'group' }, t('evote.closedHeading')));
      for (const b of closed) main.append(ballotCard(b));
    }
  },
};
