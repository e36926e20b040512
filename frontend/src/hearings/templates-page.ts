// The notice texts (issue 15), for the secretariat: per kind and language, the saved text
// or the built-in one, the placeholders that kind fills, a preview with sample values, and
// a reset to the built-in text. An unknown placeholder is refused by the server, next to
// its field.
import { ApiError, api, hasRole } from '../api';
import { clear, h } from '../dom';
import { LANGS, LANGUAGE_NAMES, type Lang, t } from '../i18n';
import type { Page } from '../routes';
import { clearErrors, field, showErrors } from './model';
import './review-texts';

interface Template {
  kind: string;
  lang: Lang;
  subject: string;
  text: string;
  custom: boolean;
  placeholders: string[];
}

export const templatesPage: Page = {
  path: 'hearings/templates',
  titleKey: 'templates.title',
  async render(main, params) {
    main.append(h('h1', {}, t('templates.title')));
    if (!hasRole('secretariat')) {
      main.append(h('p', {}, t('hearings.signInAs', { role: t('role.secretariat') }), ' ', h('a', { href: '#/signin' }, t('shell.signIn'))));
      return;
    }
    let all = (await api<{ items: Template[] }>('/api/notice-templates')).items;
    const kinds = [...new Set(all.map((i) => i.kind))];
    const kind = h('select', {}, ...kinds.map((k) => h('option', { value: k, selected: params.get('kind') === k }, t(`templates.kind.${k}`)))) as HTMLSelectElement;
    const language = h('select', {}, ...LANGS.map((l) => h('option', { value: l, selected: params.get('lang') === l }, LANGUAGE_NAMES[l]))) as HTMLSelectElement;
    const subject = h('input', { type: 'text' }) as HTMLInputElement;
    const text = h('textarea', { rows: 10 }) as HTMLTextAreaElement;
    const origin = h('p', { class: 'muted' });
    const placeholders = h('p', { class: 'muted', id: 'placeholders' });
    const preview = h('section', { class: 'preview', 'aria-live': 'polite' });
    const status = h('p', { role: 'status' });
    const alert = h('p', { role: 'alert' });
    const form = h(
      'form',
      { novalidate: true },
      h('div', { class: 'filters' }, field('kind', t('templates.kind'), kind), field('lang', t('templates.lang'), language)),
      origin,
      field('subject', t('templates.subject'), subject),
      field('text', t('templates.text'), text),
      placeholders,
      alert,
      h('button', { type: 'submit' }, t('templates.save')),
      ' ',
      h('button', { type: 'button', class: 'secondary', id: 'preview' }, t('templates.preview')),
      ' ',
      h('button', { type: 'button', class: 'secondary', id: 'reset' }, t('templates.reset')),
    ) as HTMLFormElement;
    const current = () => all.find((i) => i.kind === kind.value && i.lang === language.value)!;
    const fill = () => {
      const c = current();
      subject.value = c.subject;
      text.value = c.text;
      origin.textContent = c.custom ? t('templates.custom') : t('templates.builtIn');
      placeholders.textContent = t('templates.placeholders', { list: c.placeholders.map((p) => `{${p}}`).join(', ') });
      clear(preview);
      clearErrors(form);
      history.replaceState(null, '', `#/hearings/templates?kind=${kind.value}&lang=${language.value}`);
    };
    const path = () => `/api/notice-templates/${kind.value}/${language.value}`;
    const run = async (action: () => Promise<void>) => {
      clearErrors(form);
      alert.textContent = '';
      status.textContent = '';
      try {
        await action();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const orphans = showErrors(form, error.problem);
        if (!error.problem.errors?.length || orphans.length) alert.textContent = [error.problem.detail, ...orphans].join(' ');
      }
    };
    const replace = (saved: Template) => {
      all = all.map((i) => (i.kind === saved.kind && i.lang === saved.lang ? saved : i));
      fill();
    };
    kind.addEventListener('change', fill);
    language.addEventListener('change', fill);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void run(async () => {
        replace(await api<Template>(path(), { method: 'PUT', json: { subject: subject.value, text: text.value } }));
        status.textContent = t('review.done');
      });
    });
    form.querySelector('#preview')!.addEventListener('click', () =>
      void run(async () => {
        const shown = await api<{ subject: string; text: string }>(`${path()}/preview`, { method: 'POST', json: { subject: subject.value, text: text.value } });
        preview.replaceChildren(h('h2', {}, t('templates.preview')), h('p', {}, h('strong', {}, shown.subject)), h('pre', { class: 'mail' }, shown.text));
      }),
    );
    form.querySelector('#reset')!.addEventListener('click', () =>
      void run(async () => {
        replace(await api<Template>(path(), { method: 'DELETE' }));
        status.textContent = t('review.done');
      }),
    );
    main.append(form, status, preview);
    fill();
  },
};
