// Home: what to do now for whoever is looking (a window open, a registration open,
// ballots awaiting my vote, requests awaiting review), the Periods of Sessions newest
// first, and a way in for each kind of user. Each role's look-up fails on its own: a
// slow or refused one leaves the rest of the page as it is.
import { api, hasRole, signedIn } from '../api';
import { h } from '../dom';
import { formatDate, formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { type Session, listSessions, sessionName, windowState } from '../sessions/page';
import { tag } from '../ui';
import './texts';

type Todo = { text: string; href: string; action: string; id: string };

function sessionTodos(sessions: Session[]): Todo[] {
  const todos: Todo[] = [];
  for (const s of sessions) {
    if (windowState(s.requestWindow) === 'open') {
      todos.push({
        id: `todo-request-${s.number}`,
        text: t('home.requestOpen', { session: sessionName(s.number), date: formatInstant(s.requestWindow.closesAt, s.timeZone) }),
        href: `#/hearings/new?session=${s.number}`,
        action: t('home.requestAction'),
      });
    }
    const seats = s.registration.capacity.in_person + s.registration.capacity.online;
    if (seats > 0 && windowState(s.registration) === 'open') {
      todos.push({
        id: `todo-register-${s.number}`,
        text: t('home.registrationOpen', { session: sessionName(s.number), date: formatInstant(s.registration.closesAt, s.timeZone) }),
        href: `#/register?session=${s.number}`,
        action: t('home.registerAction'),
      });
    }
  }
  return todos;
}

type BallotSummary = { id: string; status: string; myVote?: unknown; recused?: unknown };

async function roleTodos(): Promise<Todo[]> {
  const todos: Todo[] = [];
  const jobs: Promise<void>[] = [];
  if (hasRole('commissioner')) {
    jobs.push(api<{ items: BallotSummary[] }>('/api/ballots?limit=100').then(({ items }) => {
      const waiting = items.filter((b) => b.status === 'open' && !b.myVote && !b.recused).length;
      todos.push(waiting > 0
        ? { id: 'todo-vote', text: t('home.ballotsWaiting', { n: waiting }), href: '#/evote', action: t('home.voteAction') }
        : { id: 'todo-vote', text: t('home.noBallots'), href: '#/evote', action: t('home.seeVotes') });
    }));
  }
  if (hasRole('secretariat')) {
    jobs.push(api<{ items: unknown[]; nextCursor?: string }>('/api/hearing-requests?status=submitted&limit=100').then((page) => {
      const n = page.items.length;
      todos.push({ id: 'todo-review', text: page.nextCursor ? t('home.reviewMany', { n }) : t('home.reviewWaiting', { n }), href: '#/hearings/review?status=submitted', action: t('home.reviewAction') });
    }));
    jobs.push(api<{ items: BallotSummary[] }>('/api/ballots?limit=100').then(({ items }) => {
      const open = items.filter((b) => b.status === 'open').length;
      const drafts = items.filter((b) => b.status === 'draft').length;
      if (open + drafts > 0) todos.push({ id: 'todo-ballots', text: t('home.ballotsRunning', { open, drafts }), href: '#/evote-admin', action: t('home.manageAction') });
    }));
  }
  if (hasRole('applicant')) todos.push({ id: 'todo-mine', text: t('home.mine'), href: '#/hearings/mine', action: t('home.mineAction') });
  await Promise.all(jobs.map((job) => job.catch(() => undefined)));
  return todos;
}

function doors(): HTMLElement {
  const user = signedIn();
  const door = (id: string, title: string, text: string, links: [string, string][]) =>
    h('li', { id }, h('h3', {}, title), h('p', {}, text), h('div', { class: 'actions' }, links.map(([href, label], i) => h('a', { href, class: i === 0 ? 'button' : 'button secondary' }, label))));
  const signInOr = (role: string, href: string, label: string): [string, string] => (user && hasRole(role) ? [href, label] : [`#/signin?next=${encodeURIComponent(`/${href}`)}`, t('home.signInTo', { what: label })]);
  return h('ul', { class: 'doors' },
    door('door-public', t('home.door.public'), t('home.door.publicText'), [['#/schedule', t('schedule.title')], ['#/register', t('home.registerAction')]]),
    door('door-applicant', t('home.door.applicant'), t('home.door.applicantText'), [signInOr('applicant', '#/hearings/new', t('home.requestAction')), ...(user && hasRole('applicant') ? [['#/hearings/mine', t('home.mineAction')] as [string, string]] : [])]),
    door('door-secretariat', t('home.door.secretariat'), t('home.door.secretariatText'), [signInOr('secretariat', '#/hearings/review', t('home.reviewAction'))]),
    door('door-commissioner', t('home.door.commissioner'), t('home.door.commissionerText'), [signInOr('commissioner', '#/evote', t('home.seeVotes'))]),
  );
}

export const homePage: Page = {
  path: 'home',
  titleKey: 'home.title',
  async render(main) {
    main.append(h('h1', {}, t('home.title')), h('p', {}, t('sessions.intro')));
    const nowSection = h('section', { class: 'card', 'aria-labelledby': 'now-heading', id: 'now' }, h('h2', { id: 'now-heading' }, t('home.now')));
    main.append(nowSection);
    const [sessions, mine] = await Promise.all([listSessions(), roleTodos()]);
    const newest = [...sessions].sort((a, b) => b.number - a.number);
    const todos = [...mine, ...sessionTodos(newest)];
    nowSection.append(todos.length
      ? h('ul', { class: 'now' }, todos.map((todo) => h('li', { id: todo.id }, h('span', {}, todo.text), h('a', { class: 'button', href: todo.href }, todo.action))))
      : h('p', {}, t('home.nothing')));
    main.append(h('h2', {}, t('home.waysIn')), doors());
    main.append(h('h2', {}, t('sessions.title')));
    const list = h('div', { class: 'grid-cards', id: 'home-sessions' });
    for (const s of newest.slice(0, 4)) {
      const state = windowState(s.requestWindow);
      list.append(h('section', { class: 'card', 'data-session': s.number, 'aria-labelledby': `home-s-${s.number}` },
        h('h3', { id: `home-s-${s.number}` }, sessionName(s.number)),
        h('p', {}, t('sessions.range', { from: formatDate(s.startDate), to: formatDate(s.endDate) })),
        h('p', {}, s.location ?? t('sessions.online'), ' · ', t(`sessions.format.${s.format}`)),
        h('p', {}, state === 'open' ? tag(t('home.tag.requestsOpen'), 'ok') : state === 'notYet' ? tag(t('home.tag.requestsSoon'), 'info') : tag(t('home.tag.requestsClosed'), 'warn')),
        h('div', { class: 'actions' }, h('a', { href: `#/schedule?session=${s.number}` }, t('schedule.title')))));
    }
    main.append(list, h('p', {}, h('a', { href: '#/sessions' }, t('home.allSessions'))));
  },
};
