// The hearing request form in four steps (issue 14): a searchable State picker, a date
// picker for unavailable dates, live word counters, every error at once in an error
// summary linking to each field, in words for people. What is typed survives a language
// switch, a reload and Back (a copy in sessionStorage, cleared on submit) and is saved
// on the server as a draft (issue 15), to resume from "My requests" on another device;
// a new request is submitted from its draft. Editing a submitted request keeps PATCH.
import type { DraftFields, DraftView } from '../../../functions/hearings/draft';
import { ApiError, api, hasRole, signedIn } from '../api';
import { clear, h } from '../dom';
import { LANGS, LANGUAGE_NAMES, type Lang, formatDate, formatInstant, lang, locale, t } from '../i18n';
import type { Page } from '../routes';
import { type Session, listSessions, sessionName, windowState } from '../sessions/page';
import { type HearingRequest, clearErrors, countWords, field, sortedStates, stateName } from './model';
import { datePicker, statePicker } from './pickers';
import { shortRef } from '../ui';
import './flow-texts';
import './texts';

const KINDS = ['case', 'precautionary_measure', 'follow_up', 'thematic', 'working_meeting'] as const;
const MATTER_TYPES = ['petition', 'case', 'precautionary_measure'] as const;
const ROLES = ['petitioner', 'representative', 'witness', 'expert', 'other'] as const;
const NEEDS_MATTER = new Set(['case', 'precautionary_measure', 'follow_up', 'working_meeting']);
const MAX_PARTICIPANTS = 10;
const LIMITS = { objective: 25, basis: 75 };
const STEPS = ['hearing', 'content', 'people', 'contact'] as const;
/** Which step holds a field (by the first segment of its path). */
const STEP_OF: Record<string, number> = {
  sessionNumber: 0, kind: 0, states: 0, matter: 0, title: 0,
  objective: 1, basis: 1, observations: 1, unavailableDates: 1,
  participants: 2, languages: 2, private: 2, privateReason: 2,
  contact: 3, language: 3,
};
/** How long after the last keystroke the draft is saved on the server. */
const AUTOSAVE_MS = 2_000;

type Fields = DraftFields;
type Participant = NonNullable<Fields['participants']>[number];

/** The copy of the form kept in this tab: survives reload, Back and a language switch. */
interface LocalCopy {
  fields: Fields;
  step: number;
  draftId?: string;
  version?: number;
}

const storageKey = (scope: string) => `docket.hearingForm.${signedIn()?.user.email ?? 'anonymous'}.${scope}`;
function readLocal(scope: string): LocalCopy | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(scope));
    return raw ? (JSON.parse(raw) as LocalCopy) : undefined;
  } catch {
    return undefined;
  }
}
function writeLocal(scope: string, copy: LocalCopy) {
  try {
    sessionStorage.setItem(storageKey(scope), JSON.stringify(copy));
  } catch {
    /* private mode or full: the server draft still keeps it */
  }
}
export function clearLocal(scope: string) {
  try {
    sessionStorage.removeItem(storageKey(scope));
  } catch {
    /* nothing kept */
  }
}

const option = (value: string, label: string, selected = false) => h('option', { value, selected }, label);
const label = (key: string) => t(key).replace(/ \*$/, '').replace(/ \(.*\)$/, '');

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

export interface Issue {
  path: string;
  message: string;
}

/** Every rule the server applies, checked here first, all at once, in the page's language. */
export function issuesOf(f: Fields): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, key: string, params: Record<string, string | number> = {}) => issues.push({ path, message: t(key, params) });
  const blank = (v?: string) => !v || !v.trim();
  if (f.sessionNumber === undefined) add('sessionNumber', 'hearings.err.choose');
  if (!f.kind) add('kind', 'hearings.err.choose');
  if (!f.states?.length) add('states', 'hearings.err.states');
  if (f.kind && NEEDS_MATTER.has(f.kind) && blank(f.matter?.number)) add('matter.number', 'hearings.err.matter');
  if (blank(f.title)) add('title', 'hearings.err.required');
  for (const path of ['objective', 'basis'] as const) {
    const count = countWords(f[path] ?? '');
    if (count === 0) add(path, 'hearings.err.required');
    else if (count > LIMITS[path]) add(path, 'hearings.err.words', { max: LIMITS[path], count });
  }
  const people = f.participants ?? [];
  if (people.length < 1 || people.length > MAX_PARTICIPANTS) add('participants', 'hearings.err.participants');
  people.forEach((p, i) => {
    if (blank(p.name)) add(`participants.${i}.name`, 'hearings.err.participantName', { n: i + 1 });
  });
  if (!f.languages?.length) add('languages', 'hearings.err.languages');
  if (f.private && f.kind !== 'working_meeting' && blank(f.privateReason)) add('privateReason', 'hearings.err.privateReason');
  if (blank(f.contact?.name)) add('contact.name', 'hearings.err.required');
  if (blank(f.contact?.email)) add('contact.email', 'hearings.err.required');
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.contact!.email!.trim())) add('contact.email', 'hearings.err.email');
  return issues;
}

function wordCounter(path: 'objective' | 'basis', labelText: string, onInput: () => void): { wrapper: HTMLElement; area: HTMLTextAreaElement; update: () => void } {
  const max = LIMITS[path];
  const area = h('textarea', { rows: path === 'basis' ? 6 : 3, required: true }) as HTMLTextAreaElement;
  const counter = h('p', { id: `count-${path}`, class: 'counter muted', 'aria-live': 'polite' }, t('hearings.words', { count: 0, max }));
  const update = () => {
    const count = countWords(area.value);
    counter.textContent = t('hearings.words', { count, max });
    counter.classList.toggle('over', count > max);
  };
  area.addEventListener('input', () => {
    update();
    onInput();
  });
  const wrapper = field(path, labelText, area);
  area.setAttribute('aria-describedby', `count-${path} err-${path}`);
  wrapper.insertBefore(counter, wrapper.querySelector('.field-error'));
  return { wrapper, area, update };
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
    const scope = editId ? `edit-${editId}` : 'new';
    const sessions = await listSessions();
    const open = sessions.filter((s) => windowState(s.requestWindow) === 'open');
    const editing = editId ? await api<HearingRequest>(`/api/hearing-requests/${encodeURIComponent(editId)}`) : undefined;

    // Where the form starts from: this tab's copy, else the server's draft, else the request being edited.
    let local = readLocal(scope);
    const draftParam = params.get('draft') ?? undefined;
    if (!editing && draftParam && local?.draftId !== draftParam) local = undefined;
    if (!editing && draftParam) {
      const server = await api<DraftView>(`/api/hearing-request-drafts/${encodeURIComponent(draftParam)}`);
      // Saved on another device since this tab's copy: the server's is newer.
      if (!local || (local.version ?? 0) < server.version) local = { fields: server.request, step: local?.step ?? 0, draftId: server.id, version: server.version };
    }
    const initial: Fields = local?.fields ?? (editing ? fieldsOf(editing) : { languages: [lang()], language: lang(), participants: [{ role: 'petitioner' }], private: false });
    let draftId = editing ? undefined : local?.draftId;
    let version = local?.version;

    const wantedNumber = editing?.sessionNumber ?? initial.sessionNumber ?? (Number(params.get('session')) || undefined);
    const wanted = sessions.find((s) => s.number === wantedNumber);
    if (open.length === 0 || (wanted && !open.includes(wanted) && (editing || params.get('session')))) {
      closedState(main, sessions, wanted);
      if (!editing) main.append(h('p', {}, h('a', { href: '#/hearings/mine' }, t('hearings.goMine'))));
      return;
    }
    const chosenSession = wanted && open.includes(wanted) ? wanted : open[0];
    main.append(h('p', {}, t('hearings.intro')));

    const summary = h('div', { id: 'form-summary', class: 'error-summary', tabindex: '-1', hidden: true, 'aria-labelledby': 'form-summary-title' });
    const form = h('form', { novalidate: true }) as HTMLFormElement;
    const saveStatus = h('p', { id: 'draft-status', role: 'status', class: 'muted' }, editing ? '' : t('hearings.draft.local'));

    // Controls.
    const session = h('select', { disabled: !!editing }, ...open.map((s) => option(String(s.number), `${sessionName(s.number)} — ${t('hearings.closesOn', { date: formatInstant(s.requestWindow.closesAt, s.timeZone) })}`, s === chosenSession))) as HTMLSelectElement;
    const kind = h('select', {}, option('', '—'), ...KINDS.map((k) => option(k, t(`hearings.kind.${k}`)))) as HTMLSelectElement;
    const states = statePicker('states', t('hearings.field.states'), sortedStates().map((code) => ({ code, name: stateName(code) })), () => changed());
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
    const objective = wordCounter('objective', t('hearings.field.objective'), () => changed());
    const basis = wordCounter('basis', t('hearings.field.basis'), () => changed());
    const observations = h('textarea', { rows: 3, maxlength: 4000 }) as HTMLTextAreaElement;
    const chosenWindow = sessions.find((s) => s.number === Number(session.value));
    const dates = datePicker('unavailableDates', t('hearings.dates.label'), { min: chosenWindow?.startDate, max: chosenWindow?.endDate }, (iso) => formatDate(iso), () => changed());

    let rows: Participant[] = initial.participants?.length ? initial.participants.map((p) => ({ ...p })) : [{ role: 'petitioner' }];
    const rowsBox = h('div', {});
    const addButton = h('button', { type: 'button', class: 'secondary' }, t('hearings.participant.add')) as HTMLButtonElement;
    const readRows = () => {
      // From this form's own rows (after a language switch another form may hold the same ids).
      const control = <T extends HTMLElement>(id: string) => rowsBox.querySelector<T>(`[id="${id}"]`)!;
      rows = rows.map((_, i) => ({
        name: control<HTMLInputElement>(`f-participants.${i}.name`).value,
        organization: control<HTMLInputElement>(`f-participants.${i}.organization`).value,
        role: control<HTMLSelectElement>(`f-participants.${i}.role`).value as Participant['role'],
        confidential: control<HTMLInputElement>(`f-participants.${i}.confidential`).checked,
      }));
    };
    const drawRows = () => {
      clear(rowsBox);
      rows.forEach((row, i) => {
        const n = i + 1;
        const confidential = h('input', { type: 'checkbox', id: `f-participants.${i}.confidential`, checked: !!row.confidential });
        rowsBox.append(
          h(
            'div',
            { class: 'participant', 'data-row': i },
            field(`participants.${i}.name`, t('hearings.participant.name', { n }), h('input', { type: 'text', maxlength: 200, value: row.name ?? '', autocomplete: 'off' })),
            field(`participants.${i}.organization`, t('hearings.participant.organization', { n }), h('input', { type: 'text', maxlength: 200, value: row.organization ?? '' })),
            field(`participants.${i}.role`, t('hearings.participant.role', { n }), h('select', {}, ...ROLES.map((r) => option(r, t(`hearings.role.${r}`), r === (row.role ?? 'other'))))),
            h('div', { class: 'check' }, confidential, ' ', h('label', { for: `f-participants.${i}.confidential` }, t('hearings.participant.confidential', { n }))),
            rows.length > 1
              ? h('button', { type: 'button', class: 'secondary', onclick: () => { readRows(); rows.splice(i, 1); drawRows(); changed(); } }, t('hearings.participant.remove', { n }))
              : null,
          ),
        );
      });
      addButton.disabled = rows.length >= MAX_PARTICIPANTS;
    };
    addButton.addEventListener('click', () => {
      readRows();
      rows.push({ role: 'representative' });
      drawRows();
      changed();
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
        h('span', { class: 'check' }, h('input', { type: 'checkbox', id: `lang-${code}`, value: code }), ' ', h('label', { for: `lang-${code}`, lang: code }, LANGUAGE_NAMES[code])),
      ),
      h('p', { id: 'err-languages', class: 'field-error', hidden: true }),
    );
    const isPrivate = h('input', { type: 'checkbox', id: 'f-private', 'aria-describedby': 'hint-private err-private' }) as HTMLInputElement;
    const privateReason = h('textarea', { rows: 2, maxlength: 2000 }) as HTMLTextAreaElement;
    const privateReasonField = field('privateReason', t('hearings.field.privateReason'), privateReason);
    const contactName = h('input', { type: 'text', autocomplete: 'name', required: true, maxlength: 200 }) as HTMLInputElement;
    const contactEmail = h('input', { type: 'email', autocomplete: 'email', required: true, maxlength: 320 }) as HTMLInputElement;
    const contactPhone = h('input', { type: 'tel', autocomplete: 'tel', maxlength: 40 }) as HTMLInputElement;
    const language = h('select', {}, ...LANGS.map((code) => option(code, LANGUAGE_NAMES[code]))) as HTMLSelectElement;

    const sync = () => {
      const meeting = kind.value === 'working_meeting';
      matter.hidden = !NEEDS_MATTER.has(kind.value) && kind.value !== 'thematic';
      if (meeting) isPrivate.checked = true;
      isPrivate.disabled = meeting;
      privateReasonField.hidden = meeting || !isPrivate.checked;
    };

    // The steps: every field stays in the page (so the summary can reach any of them), one step shown.
    const sections = [
      [field('sessionNumber', t('hearings.field.session'), session), field('kind', t('hearings.field.kind'), kind), states.element, matter, field('title', t('hearings.field.title'), title)],
      [objective.wrapper, basis.wrapper, field('observations', t('hearings.field.observations'), observations), dates.element],
      [participants, languages,
        h('div', { class: 'field' }, h('span', { class: 'check' }, isPrivate, ' ', h('label', { for: 'f-private' }, t('hearings.field.private'))),
          h('p', { id: 'hint-private', class: 'muted hint' }, t('hearings.hint.private')), h('p', { id: 'err-private', class: 'field-error', hidden: true })),
        privateReasonField],
      [h('fieldset', {}, h('legend', {}, t('hearings.field.contact')),
          field('contact.name', t('hearings.field.contactName'), contactName),
          field('contact.email', t('hearings.field.contactEmail'), contactEmail),
          field('contact.phone', t('hearings.field.contactPhone'), contactPhone)),
        field('language', t('hearings.field.language'), language)],
    ].map((children, i) => h('section', { class: 'step', id: `step-${STEPS[i]}`, 'aria-labelledby': `step-title-${i}`, 'data-step': i },
      h('h2', { id: `step-title-${i}`, tabindex: '-1' }, t('hearings.step.of', { n: i + 1, total: STEPS.length, name: t(`hearings.step.${STEPS[i]}`) })), ...children));
    let step = Math.min(Math.max(local?.step ?? 0, 0), STEPS.length - 1);
    const progress = h('ol', { class: 'steps', 'aria-label': t('hearings.steps') }, ...STEPS.map((name, i) =>
      h('li', {}, h('button', { type: 'button', class: 'link', 'data-goto': i, onclick: () => show(i, true) }, `${i + 1}. ${t(`hearings.step.${name}`)}`))));
    const back = h('button', { type: 'button', class: 'secondary', onclick: () => show(step - 1, true) }, t('hearings.step.back')) as HTMLButtonElement;
    const next = h('button', { type: 'button', onclick: () => show(step + 1, true) }, t('hearings.step.next')) as HTMLButtonElement;
    const submitLabel = editing ? t('hearings.save') : t('hearings.submit');
    const submit = h('button', { type: 'submit' }, submitLabel) as HTMLButtonElement;
    const saveDraftButton = h('button', { type: 'button', class: 'secondary', onclick: () => void saveNow() }, t('hearings.draft.save')) as HTMLButtonElement;
    function show(i: number, focus = false) {
      step = Math.min(Math.max(i, 0), STEPS.length - 1);
      sections.forEach((s, j) => (s.hidden = j !== step));
      for (const b of progress.querySelectorAll<HTMLButtonElement>('button')) {
        if (Number(b.dataset.goto) === step) b.setAttribute('aria-current', 'step');
        else b.removeAttribute('aria-current');
      }
      back.hidden = step === 0;
      next.hidden = step === STEPS.length - 1;
      if (focus) {
        sections[step].querySelector<HTMLElement>('h2')?.focus();
        remember();
        if (!editing && dirty) void saveNow();
      }
    }

    form.append(progress, ...sections, h('div', { class: 'actions' }, back, ' ', next, ' ', editing ? null : saveDraftButton, ' ', submit), saveStatus);

    // Fill from the starting point.
    function fill(f: Fields) {
      kind.value = f.kind ?? '';
      states.set(f.states ?? []);
      matterType.value = f.matter?.type ?? 'case';
      matterNumber.value = f.matter?.number ?? '';
      title.value = f.title ?? '';
      objective.area.value = f.objective ?? '';
      basis.area.value = f.basis ?? '';
      objective.update();
      basis.update();
      observations.value = f.observations ?? '';
      dates.set(f.unavailableDates ?? []);
      for (const box of languages.querySelectorAll<HTMLInputElement>('input')) box.checked = (f.languages ?? []).includes(box.value as Lang);
      isPrivate.checked = !!f.private;
      privateReason.value = f.privateReason ?? '';
      contactName.value = f.contact?.name ?? '';
      contactEmail.value = f.contact?.email ?? '';
      contactPhone.value = f.contact?.phone ?? '';
      language.value = f.language ?? lang();
    }
    fill(initial);
    sync();
    show(step);

    const text = (v: string) => (v.trim() ? v : undefined);
    function collect(): Fields {
      readRows();
      return {
        sessionNumber: Number(session.value) || undefined,
        kind: (kind.value || undefined) as Fields['kind'],
        states: states.value(),
        // Without a number there is no matter to name (thematic hearings may have none).
        matter: !matter.hidden && matterNumber.value.trim() ? { type: matterType.value as NonNullable<Fields['matter']>['type'], number: matterNumber.value.trim() } : undefined,
        title: text(title.value),
        objective: text(objective.area.value),
        basis: text(basis.area.value),
        participants: rows.map((r) => ({ name: text(r.name ?? ''), organization: text(r.organization ?? ''), role: r.role, confidential: !!r.confidential })),
        languages: [...languages.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value as Lang),
        private: isPrivate.checked,
        privateReason: privateReasonField.hidden ? undefined : text(privateReason.value),
        contact: { name: text(contactName.value), email: text(contactEmail.value.trim()), phone: text(contactPhone.value) },
        observations: text(observations.value),
        unavailableDates: dates.value(),
        language: language.value as Lang,
      };
    }
    // This tab's copy. A form no longer on screen (the page was drawn again in another
    // language) only passes on the draft's id and version: the new form holds the fields.
    const remember = () => {
      if (form.isConnected) writeLocal(scope, { fields: collect(), step, draftId, version });
      else {
        const copy = readLocal(scope);
        if (copy) writeLocal(scope, { ...copy, draftId, version });
      }
    };

    // Saving on the server: one save at a time; a change during a save is saved after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let saving: Promise<void> | undefined;
    let dirty = false;
    let submitted = false;
    function changed() {
      sync();
      remember();
      if (editing) return;
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    }
    async function saveNow(leaving = false): Promise<void> {
      clearTimeout(timer);
      if (editing || submitted || (!form.isConnected && !leaving)) return;
      if (saving) {
        await saving;
        if (!dirty) return;
      }
      dirty = false;
      const body = collect();
      // The tab's copy knows the latest save, whichever drawing of the form made it.
      const copy = readLocal(scope);
      if (copy?.draftId && (!draftId || copy.draftId === draftId) && (copy.version ?? 0) > (version ?? 0)) {
        draftId = copy.draftId;
        version = copy.version;
      }
      saving = (async () => {
        saveStatus.textContent = t('hearings.draft.saving');
        try {
          const saved = draftId
            ? await api<DraftView>(`/api/hearing-request-drafts/${draftId}`, { method: 'PUT', json: { ...body, version } })
            : await api<DraftView>('/api/hearing-request-drafts', { method: 'POST', json: body });
          if (submitted) return;
          draftId = saved.id;
          version = saved.version;
          remember();
          // The address now names the draft: a reload or a link resumes it.
          if (!params.get('draft')) history.replaceState(history.state, '', `#/hearings/new?draft=${saved.id}`);
          saveStatus.replaceChildren(t('hearings.draft.saved', { time: new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date()) }));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.problem.status === 409 && draftId) {
            const id = draftId;
            saveStatus.replaceChildren(t('hearings.draft.conflict'), ' ',
              h('button', { type: 'button', class: 'secondary', onclick: () => { clearLocal(scope); location.hash = `#/hearings/new?draft=${id}&v=${Date.now()}`; } }, t('hearings.draft.loadLatest')));
          } else saveStatus.textContent = t('hearings.draft.failed', { detail: error.problem.detail });
        }
      })();
      try {
        await saving;
      } finally {
        saving = undefined;
      }
    }
    form.addEventListener('input', () => changed());
    form.addEventListener('change', () => changed());
    // Leaving the page (Back, another link) with unsaved typing: save what is there.
    window.addEventListener('hashchange', () => { if (dirty && !submitted) void saveNow(true); }, { once: true });

    function showIssues(issues: Issue[], heading: string, detail?: string) {
      clearErrors(form);
      clear(summary);
      const items = issues.map((issue) => {
        const parts = issue.path.split('.');
        let slot: HTMLElement | null = null;
        let path = '';
        while (parts.length && !slot) {
          path = parts.join('.');
          slot = form.querySelector<HTMLElement>(`[id="err-${CSS.escape(path)}"]`);
          parts.pop();
        }
        const control = form.querySelector<HTMLElement>(`[id="f-${CSS.escape(issue.path)}"]`) ?? form.querySelector<HTMLElement>(`[id="f-${CSS.escape(path)}"]`);
        if (slot) {
          slot.textContent = slot.textContent ? `${slot.textContent} ${issue.message}` : issue.message;
          slot.hidden = false;
        }
        control?.setAttribute('aria-invalid', 'true');
        const name = control ? fieldName(control) : '';
        const link = h('a', { href: `#f-${issue.path}`, 'data-path': issue.path }, name ? `${name}: ${issue.message}` : issue.message);
        // The router owns the hash: the link moves focus instead of navigating.
        link.addEventListener('click', (event) => {
          event.preventDefault();
          const target = control ?? slot;
          const owner = target?.closest<HTMLElement>('section.step');
          if (owner) show(Number(owner.dataset.step));
          (target?.matches('input, select, textarea, [tabindex]') ? target : target?.querySelector<HTMLElement>('input, select, textarea'))?.focus();
        });
        return h('li', {}, link);
      });
      summary.append(h('h2', { id: 'form-summary-title' }, heading), ...(detail ? [h('p', {}, detail)] : []), ...(items.length ? [h('ul', {}, ...items)] : []));
      summary.hidden = false;
      summary.focus();
    }
    function fieldName(control: HTMLElement): string {
      const fieldset = control.closest('fieldset');
      const own = control.id ? form.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent : undefined;
      const legend = control.tagName === 'FIELDSET' ? control.querySelector('legend')?.textContent : undefined;
      return (own ?? legend ?? fieldset?.querySelector('legend')?.textContent ?? '').replace(/ \*$/, '');
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = collect();
      remember();
      const issues = issuesOf(body).sort((a, b) => (STEP_OF[a.path.split('.')[0]] ?? 0) - (STEP_OF[b.path.split('.')[0]] ?? 0));
      if (issues.length) {
        showIssues(issues, t('hearings.summary.title', { count: issues.length }));
        return;
      }
      submit.disabled = true;
      submit.textContent = t('hearings.sending');
      try {
        let created: HearingRequest;
        if (editing) {
          const { sessionNumber: _fixed, ...changes } = body;
          created = await api<HearingRequest>(`/api/hearing-requests/${editing.id}`, { method: 'PATCH', json: { ...changes, participants: changes.participants?.map((p) => ({ ...p, name: p.name ?? '' })) } });
        } else {
          // The draft holds exactly what is on screen, then becomes the request (a repeat answers alike).
          dirty = true;
          await saveNow();
          if (!draftId) throw new ApiError({ type: 'about:blank', title: saveStatus.textContent ?? '', status: 0, detail: saveStatus.textContent ?? '' });
          created = await api<HearingRequest>(`/api/hearing-request-drafts/${draftId}/submit`, { method: 'POST' });
        }
        submitted = true;
        clearTimeout(timer);
        clearLocal(scope);
        clear(main);
        main.append(
          h('h1', {}, t(editing ? 'hearings.edit.title' : 'hearings.new.title')),
          h('p', { role: 'status', class: 'done', 'data-id': created.id }, t(editing ? 'hearings.saved' : 'hearings.submitted', { id: shortRef(created.id) })),
          h('p', {}, h('a', { href: '#/hearings/mine' }, t('hearings.goMine'))),
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const errors = error.problem.errors ?? [];
        showIssues(errors, t('hearings.summary.server'), errors.some((e) => e.path === 'sessionNumber') || !errors.length ? error.problem.detail : undefined);
      } finally {
        submit.disabled = false;
        submit.textContent = submitLabel;
      }
    });
    main.append(summary, form);
  },
};

/** A submitted request as the form's fields (editing). */
function fieldsOf(r: HearingRequest): Fields {
  return {
    sessionNumber: r.sessionNumber,
    kind: r.kind,
    states: r.states,
    matter: r.matter,
    title: r.title,
    objective: r.objective,
    basis: r.basis,
    participants: r.participants.map((p) => ({ ...p })),
    languages: r.languages,
    private: r.private,
    privateReason: r.privateReason,
    contact: r.contact,
    observations: r.observations,
    unavailableDates: r.unavailableDates,
    language: r.language,
  };
}
