// The run-of-show (issue 16): the speaking order of one hearing and a timer per speaker
// for whoever chairs it. Works full screen and with the keyboard alone (Space, arrows,
// R, F); the time is computed from the clock, not from counting ticks, so a busy tab
// does not slow it down. Screen readers hear each change of turn and "time is up",
// not every second.
import { ApiError, api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { Page } from '../routes';
import { listSessions } from '../sessions/page';
import { pickSession, sessionChooser, timeIn, dayIn } from '../schedule/shared';
import type { PublicScheduleView } from '../../../functions/scheduling/view';
import '../schedule/texts';
import './texts';

interface Plan {
  requestId: string;
  title: string;
  scope: 'country' | 'regional';
  ruleMinutes: number;
  segments: { speaker: string; minutes: number }[];
  partyMinutes: { petitioners: number; state: number };
}

const clock = (seconds: number) => {
  const s = Math.abs(Math.round(seconds));
  return `${seconds < 0 ? '+' : ''}${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

async function chooser(main: HTMLElement, params: URLSearchParams) {
  main.append(h('h1', {}, t('show.title')), h('p', {}, t('show.pick')));
  const sessions = await listSessions();
  const session = pickSession(sessions, params);
  if (!session) return;
  main.append(sessionChooser('run-of-show', sessions, session.number));
  let schedule: PublicScheduleView;
  try {
    schedule = await api<PublicScheduleView>(`/api/sessions/${session.number}/schedule`);
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) {
      main.append(h('p', {}, t('schedule.notPublished')));
      return;
    }
    throw error;
  }
  main.append(h('ul', { class: 'run-of-show-list' }, schedule.hearings.map((x) =>
    h('li', {}, h('a', { href: `#/run-of-show?id=${x.requestId}` }, x.title), ` — ${dayIn(x.start, schedule.timeZone)} ${timeIn(x.start, schedule.timeZone)}, ${x.room}`))));
}

export const runOfShowPage: Page = {
  path: 'run-of-show',
  titleKey: 'show.title',
  nav: ['secretariat', 'commissioner'],
  async render(main, params) {
    const id = params.get('id');
    if (!id) return chooser(main, params);
    const plan = await api<Plan>(`/api/hearings/${encodeURIComponent(id)}/plan`);
    const segments = plan.segments;
    let turn = 0;
    let running = false;
    let startedAt = 0; // performance.now() when the current run began
    let spentBefore = 0; // seconds spent in this turn before the current run
    let announcedUp = false;

    const speaker = (i: number) => t(`show.speaker.${segments[i].speaker}`);
    const spent = () => spentBefore + (running ? (performance.now() - startedAt) / 1000 : 0);
    const left = () => segments[turn].minutes * 60 - spent();

    const now = h('p', { class: 'show-speaker', id: 'show-speaker' });
    const time = h('p', { class: 'show-time', id: 'show-time', role: 'timer', 'aria-live': 'off', 'aria-labelledby': 'show-time-label' });
    const timeLabel = h('p', { class: 'muted', id: 'show-time-label' }, t('show.remaining'));
    const announce = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'show-announce' });
    const toggle = h('button', { type: 'button', id: 'show-toggle', 'aria-keyshortcuts': 'Space' }, t('show.start'));
    const previous = h('button', { type: 'button', class: 'secondary', id: 'show-previous', 'aria-keyshortcuts': 'ArrowLeft' }, t('show.previous'));
    const next = h('button', { type: 'button', class: 'secondary', id: 'show-next', 'aria-keyshortcuts': 'ArrowRight' }, t('show.next'));
    const reset = h('button', { type: 'button', class: 'secondary', id: 'show-reset', 'aria-keyshortcuts': 'R' }, t('show.reset'));
    const full = h('button', { type: 'button', class: 'secondary', id: 'show-fullscreen', 'aria-keyshortcuts': 'F' }, t('show.fullscreen'));
    const order = h('ol', { class: 'show-order', id: 'show-order' });

    const paint = () => {
      const remaining = left();
      time.textContent = clock(remaining);
      time.classList.toggle('overtime', remaining < 0);
      timeLabel.textContent = remaining < 0 ? t('show.over') : t('show.remaining');
      if (remaining < 0 && !announcedUp) {
        announcedUp = true;
        announce.textContent = t('show.timeUp', { speaker: speaker(turn) });
      }
    };
    const drawTurn = () => {
      now.textContent = `${t('show.now')}: ${speaker(turn)}`;
      toggle.textContent = running ? t('show.pause') : t('show.start');
      previous.disabled = turn === 0;
      next.disabled = turn === segments.length - 1;
      for (const [i, li] of [...order.children].entries()) {
        if (i === turn) li.setAttribute('aria-current', 'step');
        else li.removeAttribute('aria-current');
      }
      paint();
    };
    const go = (to: number) => {
      if (to < 0 || to >= segments.length) return;
      turn = to;
      running = false;
      spentBefore = 0;
      announcedUp = false;
      announce.textContent = t('show.turn', { n: turn + 1, total: segments.length, speaker: speaker(turn), minutes: segments[turn].minutes });
      drawTurn();
    };
    const startPause = () => {
      if (running) {
        spentBefore = spent();
        running = false;
      } else {
        startedAt = performance.now();
        running = true;
      }
      drawTurn();
    };
    const resetTurn = () => {
      spentBefore = 0;
      startedAt = performance.now();
      announcedUp = false;
      drawTurn();
    };
    const stage = h('section', { class: 'card run-of-show', id: 'run-of-show', 'aria-labelledby': 'show-title' });
    const fullScreen = () => {
      if (document.fullscreenElement) void document.exitFullscreen?.();
      else void stage.requestFullscreen?.().catch(() => undefined);
    };

    toggle.addEventListener('click', startPause);
    previous.addEventListener('click', () => go(turn - 1));
    next.addEventListener('click', () => go(turn + 1));
    reset.addEventListener('click', resetTurn);
    full.addEventListener('click', fullScreen);

    order.append(...segments.map((s, i) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => go(i) }, `${speaker(i)} — ${t('show.minutes', { minutes: s.minutes })}`))));
    stage.append(
      h('h1', { id: 'show-title' }, plan.title),
      h('p', { class: 'muted' }, t('show.equal', { petitioners: plan.partyMinutes.petitioners, state: plan.partyMinutes.state, rule: plan.ruleMinutes, scope: t(`show.scope.${plan.scope}`) })),
      now, timeLabel, time,
      h('div', { class: 'actions' }, previous, toggle, next, reset, full),
      h('p', { class: 'muted', id: 'show-keys' }, t('show.keys')),
      h('h2', {}, t('show.order')), order, announce);
    main.append(stage);

    const onKey = (event: KeyboardEvent) => {
      if (!stage.isConnected) return document.removeEventListener('keydown', onKey);
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea')) return;
      // A focused button already acts on Space and Enter.
      if (target?.closest('button') && (event.key === ' ' || event.key === 'Enter')) return;
      const key = event.key.toLowerCase();
      if (key === ' ' || key === 'k') startPause();
      else if (key === 'arrowright' || key === 'n') go(turn + 1);
      else if (key === 'arrowleft' || key === 'p') go(turn - 1);
      else if (key === 'r') resetTurn();
      else if (key === 'f') fullScreen();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    const timer = setInterval(() => {
      if (!stage.isConnected) return clearInterval(timer);
      if (running) paint();
    }, 250);
    drawTurn();
  },
};
