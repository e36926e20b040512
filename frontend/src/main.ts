// The shell: header with navigation and language switcher, the simulated-date banner,
// and hash routing to the pages listed in routes.ts. Sign-in state comes from auth.ts
// (OpenID Connect), restored before the first render.
import { ApiError, hasRole, isSimulated, onClockChange, serverNow, signedIn } from './api';
import { initAuth, onAuthChange, signIn, signOut, takeSignInFailure } from './auth';
import { clear, h } from './dom';
import { LANGS, LANGUAGE_NAMES, type Lang, formatInstant, initialLang, lang, onLangChange, setLang, t } from './i18n';
import { HOME, type Page, pages } from './routes';
import { rememberPage } from './shell/signin';
import './shell/texts';
import { watchTables } from './ui';

const app = document.getElementById('app')!;

function currentRoute(): { page?: Page; params: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  // A hash that is not a route (#main, a link inside a page) shows the home page, never "Page not found".
  const page = pages.find((p) => p.path === (path || HOME)) ?? (location.hash.startsWith('#/') ? undefined : pages.find((p) => p.path === HOME));
  return { page, params: new URLSearchParams(query) };
}

const visible = (page: Page) =>
  page.nav === 'public' || (Array.isArray(page.nav) && page.nav.some((role) => hasRole(role)));

function header(current?: Page): HTMLElement {
  const select = h('select', {
    id: 'lang',
    onchange: (e: Event) => setLang((e.target as HTMLSelectElement).value as Lang),
  });
  for (const code of LANGS) select.append(h('option', { value: code, lang: code, selected: code === lang() }, LANGUAGE_NAMES[code]));
  const user = signedIn();
  const nav = h('nav', { 'aria-label': t('shell.nav') }, h('ul', {}, pages.filter(visible).map((p) =>
    h('li', {}, h('a', { href: `#/${p.path}`, 'aria-current': p === current ? 'page' : undefined }, t(p.titleKey))))));
  const account = user
    ? h('div', { class: 'account' }, h('span', {}, t('shell.signedInAs', { name: user.user.name })), ' ',
        h('button', { type: 'button', id: 'signout', onclick: () => void signOut() }, t('shell.signOut')))
    : h('div', { class: 'account' }, h('a', { href: '#/signin' }, t('shell.signIn')));
  // On phones the navigation and tools fold behind one button, so the header is one line.
  const menu = h('div', { class: 'site-menu', id: 'site-menu' }, nav, h('div', { class: 'tools' }, h('label', { class: 'lang', for: 'lang' }, t('shell.language'), ' ', select), account));
  const toggle = h('button', { type: 'button', class: 'menu-button', id: 'menu-button', 'aria-expanded': 'false', 'aria-controls': 'site-menu' }, t('shell.menu'));
  const site = h(
    'header',
    { class: 'site' },
    h('div', { class: 'site-inner' },
      h('a', { class: 'skip', href: '#main', onclick: skipToMain }, t('shell.skip')),
      h('div', { class: 'brand' }, h('a', { href: '#/' }, t('shell.brand')), h('p', { class: 'tagline' }, t('shell.tagline'))),
      toggle,
      menu),
  );
  toggle.addEventListener('click', () => {
    const open = site.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  return site;
}

// "Skip to content" moves focus to the page's main region; it never becomes a route
// (the router owns the hash: #main would otherwise read as an unknown page).
function skipToMain(event: Event) {
  event.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView();
}

function banner(): HTMLElement | null {
  if (!isSimulated()) return null;
  return h('div', { class: 'banner', role: 'status', id: 'simulated' }, t('shell.simulated', { date: formatInstant(serverNow().toISOString()) }));
}

let renderId = 0;
async function render() {
  const id = ++renderId;
  const { page, params } = currentRoute();
  const main = h('main', { id: 'main', tabindex: '-1' });
  clear(app);
  app.append(header(page), main, h('footer', {}, t('shell.footer')), h('div', { id: 'banner-slot' }));
  watchTables(main);
  document.title = `${page ? t(page.titleKey) : t('shell.notFound')} — Docket`;
  if (!page) {
    main.append(h('h1', {}, t('shell.notFound')));
    return;
  }
  const failure = takeSignInFailure();
  if (failure !== undefined) main.append(h('p', { role: 'alert', class: 'error', id: 'signin-failed' }, t('signin.failed')));
  main.setAttribute('aria-busy', 'true');
  try {
    await page.render(main, params);
  } catch (error) {
    if (id !== renderId) return;
    const detail = error instanceof ApiError ? error.problem.detail : String(error);
    main.append(h('p', { role: 'alert', class: 'error' }, t('shell.error', { detail })));
    // The session is gone (expired, revoked): offer to sign in again and come back here.
    if (error instanceof ApiError && error.problem.status === 401) {
      signedInBefore = !!signedIn();
      app.querySelector('header')?.replaceWith(header(page));
      main.append(h('p', {}, h('button', { type: 'button', id: 'signin-again', onclick: () => void signIn() }, t('signin.again'))));
    }
  } finally {
    main.removeAttribute('aria-busy');
    showBanner();
  }
}

function showBanner() {
  const slot = document.getElementById('banner-slot');
  if (slot) slot.replaceChildren(...[banner()].filter((b): b is HTMLElement => !!b));
  document.body.classList.toggle('simulated', isSimulated());
}

setLang(initialLang());
onLangChange(() => void render());
onClockChange(showBanner);
window.addEventListener('hashchange', (event) => {
  // An in-page anchor (#main, #f-title from an error summary) is not a page: focus it.
  if (!location.hash.startsWith('#/') && location.hash.length > 1) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      history.replaceState(null, '', event.oldURL);
      target.focus();
      return;
    }
  }
  const old = new URL(event.oldURL);
  rememberPage(`${old.pathname}${old.search}${old.hash}`);
  void render();
});
rememberPage(`${location.pathname}${location.search}${location.hash}`);
let signedInBefore = !!signedIn();
onAuthChange(() => {
  // Re-render when someone signs in or out (here or in another tab), not on each renewal.
  if (!!signedIn() !== signedInBefore) {
    signedInBefore = !signedInBefore;
    void render();
  }
});
await initAuth();
signedInBefore = !!signedIn();
rememberPage(`${location.pathname}${location.search}${location.hash}`);
void render();
