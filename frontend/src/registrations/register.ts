// The public registration form: attend a Period of Sessions in person or online. Says
// which modes the session offers, how many seats are left, and how long data is kept.
import { ApiError, api } from '../api';
import { h } from '../dom';
import { LANGS, LANGUAGE_NAMES, formatDate, formatInstant, lang, locale, t } from '../i18n';
import type { Page } from '../routes';
import { type Session, listSessions, sessionName } from '../sessions/page';
import type { Registered, RegistrationInfo } from '../../../functions/registrations/routes';
import './texts';

/** What registering answers (never the token: it goes only into the emailed link). */
export type { RegistrationInfo };

// The OAS member States first; attendees may come from anywhere, but these are most.
const OAS = 'AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT US UY VE'.split(' ');

export const manageHash = (path: string, id: string, token: string) => `#/${path}?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const described = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  control.id = id;
  control.setAttribute('aria-describedby', described);
  return h(
    'div',
    { class: 'field', 'data-field': id },
    h('label', { for: id }, label),
    hint ? h('span', { id: `${id}-hint`, class: 'muted' }, hint) : null,
    control,
    h('span', { id: `${id}-error`, class: 'field-error' }),
  );
}

async function chooseSession(main: HTMLElement) {
  const sessions = (await listSessions()).filter((s) => s.registration.capacity.in_person + s.registration.capacity.online > 0);
  main.append(
    h('p', {}, t('reg.choose')),
    h('ul', {}, sessions.map((s) => h('li', {}, h('a', { href: `#/register?session=${s.number}` }, sessionName(s.number))))),
  );
}

export const registerPage: Page = {
  path: 'register',
  titleKey: 'reg.title',
  nav: 'public',
  async render(main, params) {
    const number = Number(params.get('session'));
    if (!number) {
      main.append(h('h1', {}, t('reg.title')));
      return chooseSession(main);
    }
    const [session, info] = await Promise.all([
      api<Session>(`/api/sessions/${number}`),
      api<RegistrationInfo>(`/api/sessions/${number}/registration-info`),
    ]);
    main.append(
      h('h1', {}, t('reg.heading', { session: sessionName(number) })),
      h('p', {}, t('reg.dates', { from: formatDate(session.startDate), to: formatDate(session.endDate) }), ' ', session.location ? t('reg.place', { place: session.location }) : ''),
      h('p', { class: info.open ? 'window window-open' : 'window window-closed' },
        t(info.open ? 'reg.windowOpen' : 'reg.windowShut', { opensAt: formatInstant(info.opensAt, session.timeZone), closesAt: formatInstant(info.closesAt, session.timeZone) })),
    );
    const offered = (['in_person', 'online'] as const).filter((m) => info.modes[m].offered);
    if (offered.length === 0) {
      main.append(h('p', { role: 'status' }, t('reg.noPublic', { session: sessionName(number) })));
      return;
    }
    if (!info.open) return;

    const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', required: true, maxlength: 200 });
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true, maxlength: 254 });
    const organization = h('input', { type: 'text', name: 'organization', autocomplete: 'organization', maxlength: 200 });
    const names = new Intl.DisplayNames([locale()], { type: 'region' });
    const country = h('select', { name: 'country', required: true }, h('option', { value: '' }, t('reg.countryPick')),
      OAS.map((c) => ({ c, n: names.of(c) ?? c })).sort((a, b) => a.n.localeCompare(b.n, locale())).map(({ c, n }) => h('option', { value: c }, n)));
    const language = h('select', { name: 'language' }, LANGS.map((l) => h('option', { value: l, lang: l, selected: l === lang() }, LANGUAGE_NAMES[l])));
    const needs = h('textarea', { name: 'accessibilityNeeds', rows: 3, maxlength: 1000 });
    const consent = h('input', { type: 'checkbox', name: 'consentToPublish', id: 'consentToPublish' });
    const radios = (['in_person', 'online'] as const).map((mode) => {
      const m = info.modes[mode];
      const seats = !m.offered ? t('reg.modeNotOffered') : m.available > 0 ? t('reg.seatsLeft', { n: m.available }) : t('reg.full', { n: m.waiting });
      return h('div', { class: 'radio' },
        h('input', { type: 'radio', name: 'attendance', id: `attendance-${mode}`, value: mode, disabled: !m.offered, checked: mode === offered[0], 'aria-describedby': 'attendance-error' }),
        ' ', h('label', { for: `attendance-${mode}` }, t(`reg.mode.${mode}`)), ' ', h('span', { class: 'muted' }, `(${seats})`));
    });
    const alert = h('div', { role: 'alert', id: 'form-alert' });
    const submit = h('button', { type: 'submit' }, t('reg.submit'));
    const form = h(
      'form',
      { novalidate: true, 'aria-labelledby': 'reg-form-title' },
      h('h2', { id: 'reg-form-title' }, t('reg.formTitle')),
      field('name', t('reg.name'), name),
      field('email', t('reg.email'), email, t('reg.emailHint')),
      field('organization', t('reg.organization'), organization, t('reg.optional')),
      field('country', t('reg.country'), country),
      h('fieldset', { 'data-field': 'attendance' }, h('legend', {}, t('reg.attendance')), radios, h('span', { id: 'attendance-error', class: 'field-error' })),
      field('language', t('reg.language'), language, t('reg.languageHint')),
      field('accessibilityNeeds', t('reg.needs'), needs, t('reg.optional')),
      h('div', { class: 'field checkbox', 'data-field': 'consentToPublish' },
        h('span', {}, consent, ' ', h('label', { for: 'consentToPublish' }, t('reg.consent'))), h('span', { id: 'consentToPublish-error', class: 'field-error' })),
      h('p', { class: 'privacy', id: 'privacy' }, t('reg.privacy', { days: info.retentionDays, date: formatDate(info.deleteAfter) })),
      alert,
      submit,
    );
    // One key per filled-in form: a resubmission after a lost answer gets the first
    // answer back instead of "already registered" (Idempotency-Key, issue 12).
    const idempotencyKey = crypto.randomUUID();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
      for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
      alert.textContent = '';
      const attendance = (form.querySelector('input[name="attendance"]:checked') as HTMLInputElement | null)?.value;
      const body = {
        name: name.value,
        email: email.value,
        ...(organization.value.trim() ? { organization: organization.value } : {}),
        country: country.value,
        attendance,
        language: language.value,
        ...(needs.value.trim() ? { accessibilityNeeds: needs.value } : {}),
        consentToPublish: consent.checked,
      };
      submit.disabled = true;
      try {
        const created = await api<Registered>(`/api/sessions/${number}/registrations`, { method: 'POST', json: body, headers: { 'idempotency-key': idempotencyKey } });
        // The manage token travels only by email (issue 13): the next step is the inbox.
        const mode = t(`reg.mode.${attendance}`);
        const held =
          created.status === 'waitlisted'
            ? t('reg.heldWaiting', { mode, position: created.waitlistPosition ?? '?', code: created.confirmationCode })
            : t('reg.heldSeat', { mode, code: created.confirmationCode });
        const sent = h('section', { class: 'card', id: 'check-email', role: 'status' },
          h('h2', {}, t('reg.checkEmailTitle')),
          h('p', {}, held),
          h('p', {}, t('reg.checkEmail', { email: email.value.trim(), until: created.holdUntil ? formatInstant(created.holdUntil, session.timeZone) : '' })));
        form.replaceWith(sent);
        sent.focus();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        alert.textContent = error.problem.detail;
        let first: HTMLElement | null = null;
        for (const issue of error.problem.errors ?? []) {
          const key = issue.path.split('.')[0];
          const slot = form.querySelector(`#${key}-error`);
          if (slot) slot.textContent = issue.message;
          const control = form.querySelector<HTMLElement>(`#${key}`) ?? form.querySelector<HTMLElement>(`[name="${key}"]`);
          control?.setAttribute('aria-invalid', 'true');
          first ??= control;
        }
        first?.focus();
      } finally {
        submit.disabled = false;
      }
    });
    main.append(form);
  },
};
