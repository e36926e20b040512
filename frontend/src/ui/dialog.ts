// A confirmation in a native <dialog> (focus trapped and Escape handled by the browser).
// Focus starts on the safe choice: nothing is done by pressing Enter at once.
import { h } from '../dom';
import { t } from '../i18n';

export interface ConfirmOptions {
  title: string;
  body?: string | Node;
  confirm: string;
  cancel?: string;
  danger?: boolean;
}

export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  return new Promise((done) => {
    const titleId = `dlg-${Math.random().toString(36).slice(2, 8)}`;
    const cancel = h('button', { type: 'button', class: 'secondary', value: 'cancel' }, options.cancel ?? t('ui.cancel'));
    const ok = h('button', { type: 'button', class: options.danger ? 'danger' : undefined, value: 'ok' }, options.confirm);
    const dialog = h('dialog', { 'aria-labelledby': titleId },
      h('h2', { id: titleId }, options.title),
      typeof options.body === 'string' ? h('p', {}, options.body) : (options.body ?? null),
      h('div', { class: 'actions' }, cancel, ok));
    const finish = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      done(answer);
    };
    cancel.addEventListener('click', () => finish(false));
    ok.addEventListener('click', () => finish(true));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
