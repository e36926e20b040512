// The hearing request form: all fields of the official form in the page's language,
// live word counters, the server's field errors next to each field, and a clear
// "window closed" state when no Period of Sessions takes requests.
import { ApiError, api, hasRole } from '../api';
import { clear, h } from '../dom';
import { LANGS, LANGUAGE_NAMES, formatInstant, lang, t } from '../i18n';
import type { Page } from '../routes';
import { type Session, listSessions, sessionName, windowState } from '../sessions/page';
import { type HearingRequest, clearErrors, countWords, field, showErrors, sortedStates, stateName } from './model';
import './texts';

const KINDS = ['case', 'precautionary_measure', 'follow_up', 'thematic', 'working_meeting'];
const MATTER_TYPES = ['petition', 'case', 'precautionary_measure'];
const ROLES = ['petitioner', 'representative', 'witness', 'expert', 'other'];
const NEEDS_MATTER = new Set(['case', 'precautionary_measure', 'follow_up', 'working_meeting']);
const MAX_PARTICIPANTS = 10;

interface ParticipantRow {
  name: string;
  organization: string;
  role: string;
  confidential: boolean;
}

const option = (value: string, label: string, selected = false) => h('option', { value, selected }, label);

function closedState(main: HTMLElement, sessions: Session[], wanted?: Session) {
  const lines: HTMLElement[] = [];
  const say = (s: Session) => {
    const state = windowState(s.requestWindow);
    if (state === 'closed') lines.push(h('p', {}, t('hearings.closed.session', { session: sessionName(s.number), date: formatInstant(s.requestWindow.closesAt, s.timeZone) })));
    if (state === 'notYet') lines.push(h('p', {}, t('hearings.closed.notYet', { session: sessionName(s.number), date: formatInstant(s.requestWindow.opensAt, s.timeZone) })));
  };
  if (wanted) say(wanted);
  else {
    lines.push(h('p', {}, t('hearings.closed.none')));
    sessions.filter((s) => windowState(s.requestWindow) === 'notYet').forEach(say);
  }
  main.append(h('section', { class: 'card closed-state', role: 'status', 'aria-labelledby': 'closed-heading' }, h('h2', { id: 'closed-heading' }, t('hearings.closed.heading')), ...lines));
}

function wordCounter(path: string, max: number, label: string): HTMLElement {
  const area = h('textarea', { rows: path === 'basis' ? 6 : 3, required: true }) as HTMLTextAreaElement;
  const counter = h('p', { id: `count-${path}`, class: 'counter muted', 'aria-live': 'polite' }, t('hearings.words', { count: 0, max }));
  const update = () => {
    const count = countWords(area.value);
    counter.textContent = t('hearings.words', { count, max });
    counter.classList.toggle('over', count > max);
  };
  area.addEventListener('input', update);
  const wrapper = field(path, label, area);
  area.setAttribute('aria-describedby', `count-${path} err-${path}`);
  wrapper.insertBefore(counter, wrapper.querySelector('.field-error'));
  return wrapper;
}

export const requestFormPage: Page = {
  path: 'hearings/new',
  titleKey: 'hearings.new.title',
  nav: ['applicant'],
  async render(main, params) {
    const editId = params.get('edit') ?? undefined;
    main.append(h('h1', {}, t(editId ? 'hearings.edit.title' : 'hearings.new.title')));
    if (!hasRole('applicant')) {
      main.append(h('p', {}, t('hearings.signInAs', { role: t('role.applicant') }), ' ', h('a', { href: '#/signin' }, t('shell.signIn'))));
      return;
    }
    const sessions = await listSessions();
    const open = sessions.filter((s) => windowState(s.requestWindow) === 'open');
    // Editing: the request's own session, only while it is submitted and the window is open.
    const editing = editId ? await api<HearingRequest>(`/api/hearing-requests/${encodeURIComponent(editId)}`) : undefined;
    const wantedNumber = editing?.sessionNumber ?? (Number(params.get('session')) || undefined);
    const wanted = sessions.find((s) => s.number === wantedNumber);
    if (open.length === 0 || (wanted && !open.includes(wanted))) {
      closedState(main, sessions, wanted);
      return;
    }
    main.append(h('p', {}, t('hearings.intro')));

    const summary = h('div', { id: 'form-summary', role: 'alert' });
    const form = h('form', { novalidate: true, 'aria-describedby': 'form-summary' }) as HTMLFormElement;
    const idempotencyKey = crypto.randomUUID();

    const session = h('select', { disabled: !!editing }, ...open.map((s) => option(String(s.number), `${sessionName(s.number)} — ${t('hearings.closesOn', { date: formatInstant(s.requestWindow.closesAt, s.timeZone) })}`, s === (wanted ?? open[0])))) as HTMLSelectElement;
    const kind = h('select', {}, ...KINDS.map((k) => option(k, t(`hearings.kind.${k}`)))) as HTMLSelectElement;
    const states = h('select', { multiple: true, size: 8 }, ...sortedStates().map((c) => option(c, stateName(c)))) as HTMLSelectElement;
    const matterType = h('select', {}, ...MATTER_TYPES.map((m) => option(m, t(`hearings.matter.${m}`)))) as HTMLSelectElement;
    const matterNumber = h('input', { type: 'text', maxlength: 40 }) as HTMLInputElement;
    const matter = h(
      'fieldset',
      { id: 'f-matter', tabindex: '-1', 'aria-describedby': 'hint-matter err-matter' },
      h('legend', {}, t('hearings.field.matter')),
      h('p', { id: 'hint-matter', class: 'muted hint' }, t('hearings.hint.matter')),
      field('matter.type', t('hearings.field.matterType'), matterType),
      field('matter.number', t('hearings.field.matterNumber'), matterNumber),
      h('p', { id: 'err-matter', class: 'field-error', hidden: true }),
    );
    const title = h('input', { type: 'text', maxlength: 300, required: true }) as HTMLInputElement;

    let rows: ParticipantRow[] = [{ name: '', organization: '', role: 'petitioner', confidential: false }];
    const rowsBox = h('div', {});
    const addButton = h('button', { type: 'button', class: 'secondary' }, t('hearings.participant.add')) as HTMLButtonElement;
    const readRows = () => {
      rows = rows.map((_, i) => ({
        name: (document.getElementById(`f-participants.${i}.name`) as HTMLInputElement).value,
        organization: (document.getElementById(`f-participants.${i}.organization`) as HTMLInputElement).value,
        role: (document.getElementById(`f-participants.${i}.role`) as HTMLSelectElement).value,
        confidential: (document.getElementById(`f-participants.${i}.confidential`) as HTMLInputElement).checked,
      }));
    };
    const drawRows = () => {
      clear(rowsBox);
      rows.forEach((row, i) => {
        const n = i + 1;
        const confidential = h('input', { type: 'checkbox', id: `f-participants.${i}.confidential`, checked: row.confidential });
        rowsBox.append(
          h(
            'div',
            { class: 'participant', 'data-row': i },
            field(`participants.${i}.name`, t('hearings.participant.name', { n }), h('input', { type: 'text', maxlength: 200, value: row.name })),
            field(`participants.${i}.organization`, t('hearings.participant.organization', { n }), h('input', { type: 'text', maxlength: 200, value: row.organization })),
            field(`participants.${i}.role`, t('hearings.participant.role', { n }), h('select', {}, ...ROLES.map((r) => option(r, t(`hearings.role.${r}`), r === row.role)))),
            h('div', { class: 'check' }, confidential, ' ', h('label', { for: `f-participants.${i}.confidential` }, t('hearings.participant.confidential', { n }))),
            rows.length > 1
              ? h('button', { type: 'button', class: 'secondary', onclick: () => { readRows(); rows.splice(i, 1); drawRows(); } }, t('hearings.participant.remove', { n }))
              : null,
          ),
        );
      });
      addButton.disabled = rows.length >= MAX_PARTICIPANTS;
    };
    addButton.addEventListener('click', () => {
      readRows();
      rows.push({ name: '', organization: '', role: 'representative', confidential: false });
      drawRows();
      (document.getElementById(`f-participants.${rows.length - 1}.name`) as HTMLInputElement | null)?.focus();
    });
    drawRows();
    const participants = h(
      'fieldset',
      { id: 'f-participants', tabindex: '-1', 'aria-describedby': 'err-participants' },
      h('legend', {}, t('hearings.field.participants')),
      rowsBox,
      addButton,
      h('p', { id: 'err-participants', class: 'field-error', hidden: true }),
    );

    const languages = h(
      'fieldset',
      { id: 'f-languages', tabindex: '-1', 'aria-describedby': 'err-languages' },
      h('legend', {}, t('hearings.field.languages')),
      ...LANGS.map((code) =>
        h('span', { class: 'check' }, h('input', { type: 'checkbox', id: `lang-${code}`, value: code, checked: code === lang() }), ' ', h('label', { for: `lang-${code}`, lang: code }, LANGUAGE_NAMES[code])),
      ),
      h('p', { id: 'err-languages', class: 'field-error', hidden: true }),
    );

    const isPrivate = h('input', { type: 'checkbox', id: 'f-private', 'aria-describedby': 'hint-private err-private' }) as HTMLInputElement;
    const privateReason = h('textarea', { rows: 2 }) as HTMLTextAreaElement;
    const privateReasonField = field('privateReason', t('hearings.field.privateReason'), privateReason);
    const contactName = h('input', { type: 'text', autocomplete: 'name', required: true }) as HTMLInputElement;
    const contactEmail = h('input', { type: 'email', autocomplete: 'email', required: true }) as HTMLInputElement;
    const contactPhone = h('input', { type: 'tel', autocomplete: 'tel' }) as HTMLInputElement;
    const observations = h('textarea', { rows: 3 }) as HTMLTextAreaElement;
    const unavailable = h('input', { type: 'text', inputmode: 'numeric' }) as HTMLInputElement;
    const language = h('select', {}, ...LANGS.map((code) => option(code, LANGUAGE_NAMES[code], code === lang()))) as HTMLSelectElement;

    const sync = () => {
      const meeting = kind.value === 'working_meeting';
      matter.hidden = !NEEDS_MATTER.has(kind.value) && kind.value !== 'thematic';
      isPrivate.checked = meeting ? true : isPrivate.checked;
      isPrivate.disabled = meeting;
      privateReasonField.hidden = meeting || !isPrivate.checked;
    };
    kind.addEventListener('change', sync);
    isPrivate.addEventListener('change', sync);

    const submitLabel = editing ? t('hearings.save') : t('hearings.submit');
    const submit = h('button', { type: 'submit' }, submitLabel) as HTMLButtonElement;
    form.append(
      field('sessionNumber', t('hearings.field.session'), session),
      field('kind', t('hearings.field.kind'), kind),
      field('states', t('hearings.field.states'), states, t('hearings.hint.states')),
      matter,
      field('title', t('hearings.field.title'), title),
      wordCounter('objective', 25, t('hearings.field.objective')),
      wordCounter('basis', 75, t('hearings.field.basis')),
      participants,
      languages,
      h('div', { class: 'field' }, h('span', { class: 'check' }, isPrivate, ' ', h('label', { for: 'f-private' }, t('hearings.field.private'))),
        h('p', { id: 'hint-private', class: 'muted hint' }, t('hearings.hint.private')), h('p', { id: 'err-private', class: 'field-error', hidden: true })),
      privateReasonField,
      h('fieldset', {}, h('legend', {}, t('hearings.field.contact')),
        field('contact.name', t('hearings.field.contactName'), contactName),
        field('contact.email', t('hearings.field.contactEmail'), contactEmail),
        field('contact.phone', t('hearings.field.contactPhone'), contactPhone)),
      field('observations', t('hearings.field.observations'), observations),
      field('unavailableDates', t('hearings.field.unavailableDates'), unavailable),
      field('language', t('hearings.field.language'), language),
      submit,
    );
    if (editing) prefill(editing);
    sync();

    function prefill(r: HearingRequest) {
      kind.value = r.kind;
      for (const o of states.options) o.selected = r.states.includes(o.value);
      if (r.matter) {
        matterType.value = r.matter.type;
        matterNumber.value = r.matter.number;
      }
      title.value = r.title;
      for (const path of ['objective', 'basis'] as const) {
        const area = form.querySelector<HTMLTextAreaElement>(`[id="f-${path}"]`)!;
        area.value = r[path];
        area.dispatchEvent(new Event('input'));
      }
      rows = r.participants.map((p) => ({ name: p.name, organization: p.organization ?? '', role: p.role, confidential: p.confidential }));
      drawRows();
      for (const box of languages.querySelectorAll<HTMLInputElement>('input')) box.checked = (r.languages as readonly string[]).includes(box.value);
      isPrivate.checked = r.private;
      privateReason.value = r.privateReason ?? '';
      contactName.value = r.contact.name;
      contactEmail.value = r.contact.email;
      contactPhone.value = r.contact.phone ?? '';
      observations.value = r.observations ?? '';
      unavailable.value = (r.unavailableDates ?? []).join(', ');
      language.value = r.language;
    }

    const text = (el: HTMLInputElement | HTMLTextAreaElement) => el.value.trim() || undefined;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      readRows();
      clearErrors(form);
      clear(summary);
      const body = {
        sessionNumber: Number(session.value),
        kind: kind.value,
        states: [...states.selectedOptions].map((o) => o.value),
        matter: !matter.hidden && matterNumber.value.trim() ? { type: matterType.value, number: matterNumber.value.trim() } : undefined,
        title: title.value,
        objective: (document.getElementById('f-objective') as HTMLTextAreaElement).value,
        basis: (document.getElementById('f-basis') as HTMLTextAreaElement).value,
        participants: rows.map((r) => ({ name: r.name, organization: r.organization.trim() || undefined, role: r.role, confidential: r.confidential })),
        languages: [...languages.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
        private: isPrivate.checked,
        privateReason: privateReasonField.hidden ? undefined : text(privateReason),
        contact: { name: contactName.value, email: contactEmail.value.trim(), phone: text(contactPhone) },
        observations: text(observations),
        unavailableDates: unavailable.value.trim() ? unavailable.value.split(/[\s,;]+/).filter(Boolean) : undefined,
        language: language.value,
      };
      submit.disabled = true;
      submit.textContent = t('hearings.sending');
      try {
        // One key per filled-in form: a retry after a lost answer cannot file twice.
        const { sessionNumber: _fixed, ...changes } = body;
        const created = editing
          ? await api<HearingRequest>(`/api/hearing-requests/${editing.id}`, { method: 'PATCH', json: changes })
          : await api<HearingRequest>('/api/hearing-requests', { method: 'POST', json: body, headers: { 'idempotency-key': idempotencyKey } });
        clear(main);
        main.append(
          h('h1', {}, t(editing ? 'hearings.edit.title' : 'hearings.new.title')),
          h('p', { role: 'status', class: 'done', 'data-id': created.id }, t(editing ? 'hearings.saved' : 'hearings.submitted', { id: created.id })),
          h('p', {}, h('a', { href: '#/hearings/mine' }, t('hearings.goMine'))),
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const orphans = showErrors(form, error.problem);
        summary.append(h('p', {}, error.problem.errors?.length ? t('hearings.errorsSummary') : error.problem.detail), ...orphans.map((o) => h('p', {}, o)));
        if (error.problem.errors?.some((e) => e.path === 'sessionNumber')) summary.append(h('p', {}, error.problem.detail));
      } finally {
        submit.disabled = false;
        submit.textContent = submitLabel;
      }
    });
    main.append(summary, form);
  },
};
