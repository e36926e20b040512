// The secretariat's hearing-day page (issue 16): per Period, the public viewing link and
// the published hearings; per hearing, the joining details, the titles in the four
// languages, the speaking plan (equal time kept by the server) and, afterwards, the
// recording and summaries.
import { ApiError, api } from '../api';
import { h } from '../dom';
import { LANGS, LANGUAGE_NAMES, t } from '../i18n';
import type { Page } from '../routes';
import { listSessions } from '../sessions/page';
import { dayIn, pickSession, sessionChooser, timeIn } from '../schedule/shared';
import type { PublicScheduleView } from '../../../functions/scheduling/view';
import '../schedule/texts';
import './texts';

const SPEAKERS = ['petitioners', 'state', 'commission', 'petitioners_reply', 'state_reply'] as const;

function input(id: string, label: string, attrs: Record<string, string | number | boolean | undefined> = {}) {
  const field = h('input', { id, name: id, type: 'text', autocomplete: 'off', ...attrs });
  return { field, row: h('div', { class: 'field' }, h('label', { for: id }, label), field) };
}

/** A form that PUTs `body()` to `path` and says in words what happened. */
function putForm(heading: string, path: string, body: () => unknown, fields: HTMLElement[], onSaved: (answer: unknown) => void = () => undefined) {
  const slug = path.split('/').pop();
  const status = h('p', { role: 'status', 'aria-live': 'polite', id: `status-${slug}` });
  const form = h('form', { novalidate: true, 'aria-labelledby': `h-${slug}`, class: 'card' },
    h('h2', { id: `h-${slug}` }, heading), ...fields, h('button', { type: 'submit' }, t('admin.save')), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.className = '';
    try {
      onSaved(await api(path, { method: 'PUT', json: body() }));
      status.className = 'ok';
      status.textContent = t('admin.saved');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status.className = 'error';
      status.textContent = [e.problem.detail, ...(e.problem.errors ?? []).map((x) => `${x.path}: ${x.message}`)].join(' ');
    }
  });
  return form;
}

async function sessionView(main: HTMLElement, params: URLSearchParams) {
  main.append(h('h1', {}, t('admin.title')));
  const sessions = await listSessions();
  const session = pickSession(sessions, params);
  if (!session) return;
  main.append(sessionChooser('hearing-admin', sessions, session.number));
  const webcast = input('webcast', t('admin.webcast'), { type: 'url', placeholder: 'https://' });
  main.append(putForm(t('archive.webcast'), `/api/sessions/${session.number}/webcast`, () => ({ url: webcast.field.value.trim() }), [webcast.row]));
  try {
    const schedule = await api<PublicScheduleView>(`/api/sessions/${session.number}/schedule`);
    main.append(h('ul', {}, schedule.hearings.map((x) =>
      h('li', {}, h('a', { href: `#/hearing-admin?id=${x.requestId}` }, x.title), ` — ${dayIn(x.start, schedule.timeZone)} ${timeIn(x.start, schedule.timeZone)}, ${x.room}`))));
  } catch (error) {
    if (!(error instanceof ApiError) || error.problem.status !== 404) throw error;
    main.append(h('p', {}, t('schedule.notPublished')));
  }
}

export const hearingAdminPage: Page = {
  path: 'hearing-admin',
  titleKey: 'admin.title',
  nav: ['secretariat'],
  async render(main, params) {
    const id = params.get('id');
    if (!id) return sessionView(main, params);
    const plan = await api<{ title: string; revision: number; segments: { speaker: string; minutes: number }[] }>(`/api/hearings/${encodeURIComponent(id)}/plan`);
    main.append(h('h1', {}, plan.title), h('p', {}, h('a', { href: `#/run-of-show?id=${id}` }, t('show.title'))));

    let joining: { videoLink: string; passcode?: string; interpretation: { language: string; channel: string }[]; securityGuidelines: string } | undefined;
    try {
      joining = await api(`/api/hearings/${encodeURIComponent(id)}/joining`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 404) throw error;
    }
    const video = input('videoLink', t('admin.videoLink'), { type: 'url', value: joining?.videoLink });
    const passcode = input('passcode', t('admin.passcode'), { value: joining?.passcode });
    const channels = LANGS.map((l) => input(`channel-${l}`, t('admin.channel', { language: LANGUAGE_NAMES[l] }), { value: joining?.interpretation.find((c) => c.language === l)?.channel }));
    const security = input('securityGuidelines', t('admin.security'), { type: 'url', value: joining?.securityGuidelines });
    main.append(putForm(t('admin.joining'), `/api/hearings/${id}/joining`, () => ({
      videoLink: video.field.value.trim(),
      ...(passcode.field.value.trim() ? { passcode: passcode.field.value.trim() } : {}),
      interpretation: LANGS.map((l, i) => ({ language: l, channel: channels[i].field.value.trim() })).filter((c) => c.channel),
      securityGuidelines: security.field.value.trim(),
    }), [video.row, passcode.row, ...channels.map((c) => c.row), security.row]));

    const titles = LANGS.map((l) => input(`title-${l}`, t('admin.titleIn', { language: LANGUAGE_NAMES[l] })));
    main.append(putForm(t('admin.titles'), `/api/hearings/${id}/titles`, () => Object.fromEntries(LANGS.map((l, i) => [l, titles[i].field.value.trim()]).filter(([, v]) => v)), titles.map((x) => x.row)));

    let revision = plan.revision;
    const rows = plan.segments.map((s, i) => {
      const speaker = h('select', { id: `speaker-${i}` }, ...SPEAKERS.map((sp) => h('option', { value: sp, selected: sp === s.speaker }, t(`show.speaker.${sp}`))));
      const minutes = h('input', { id: `minutes-${i}`, type: 'number', min: 1, max: 240, value: s.minutes });
      return { speaker, minutes, row: h('fieldset', { class: 'member' }, h('legend', {}, t('admin.turn', { n: i + 1 })),
        h('div', { class: 'field' }, h('label', { for: speaker.id }, t('admin.speaker')), speaker),
        h('div', { class: 'field' }, h('label', { for: minutes.id }, t('admin.minutes')), minutes)) };
    });
    const planForm = putForm(t('state.runOfShow'), `/api/hearings/${id}/plan`, () => ({
      revision,
      segments: rows.map((r) => ({ speaker: r.speaker.value, minutes: Number(r.minutes.value) })),
    }), rows.map((r) => r.row), (answer) => {
      // The plan is conditional on its revision: the next save goes on from the one saved.
      revision = (answer as { revision: number }).revision;
    });
    main.append(planForm);

    const recording = input('recordingUrl', t('admin.recording'), { type: 'url' });
    const summaries = LANGS.map((l) => {
      const area = h('textarea', { id: `summary-${l}`, rows: 3, maxlength: 2000 });
      return { area, row: h('div', { class: 'field' }, h('label', { for: area.id }, t('admin.summaryIn', { language: LANGUAGE_NAMES[l] })), area) };
    });
    main.append(putForm(t('admin.record'), `/api/hearings/${id}/record`, () => ({
      ...(recording.field.value.trim() ? { recordingUrl: recording.field.value.trim() } : {}),
      summary: Object.fromEntries(LANGS.map((l, i) => [l, summaries[i].area.value.trim()])),
    }), [recording.row, ...summaries.map((s) => s.row)]));
  },
};
