// The error summary: every error at once at the top of a form, each a link that moves
// focus to its field. Links are handled here (not followed): the router owns the hash.
import { h } from '../dom';
import { t } from '../i18n';

export interface FieldIssue {
  /** id of the control to focus */
  field: string;
  message: string;
}

export function errorSummary(issues: FieldIssue[], title = t('ui.errorSummary', { n: issues.length })): HTMLElement {
  const box = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, title),
    h('ul', {}, issues.map((issue) => h('li', {}, h('a', {
      href: `#${issue.field}`,
      onclick: (e: Event) => {
        e.preventDefault();
        const target = document.getElementById(issue.field);
        target?.scrollIntoView({ block: 'center' });
        target?.focus();
      },
    }, issue.message)))));
  return box;
}

/** Shows or clears the message of one field (its slot is `<p class="field-error">`). */
export function fieldError(control: HTMLElement, slot: HTMLElement, message?: string) {
  slot.textContent = message ?? '';
  slot.hidden = !message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}
