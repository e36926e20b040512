// Toasts: short notices at the foot of the screen, read out by screen readers (a live
// region), gone after a while; an optional action (e.g. "Undo") keeps it up longer.
import { h } from '../dom';
import { t } from '../i18n';

function region(): HTMLElement {
  let el = document.getElementById('toasts');
  if (!el) {
    el = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(el);
  }
  return el;
}

export function toast(message: string, options: { kind?: 'info' | 'bad'; action?: { label: string; run: () => void }; ms?: number } = {}): () => void {
  const close = () => item.remove();
  const item = h('div', { class: `toast${options.kind === 'bad' ? ' toast-bad' : ''}` }, h('span', {}, message),
    options.action ? h('button', { type: 'button', onclick: () => { close(); options.action!.run(); } }, options.action.label) : null,
    h('button', { type: 'button', 'aria-label': t('ui.dismiss'), onclick: close }, '×'));
  region().append(item);
  setTimeout(close, options.ms ?? (options.action ? 10_000 : 5_000));
  return close;
}
