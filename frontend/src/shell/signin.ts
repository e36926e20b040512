// #/signin: sends the browser to the OpenID Connect provider (Cognito's managed login in
// AWS, the local provider with `npm start`), to come back to the page that asked.
import { authAvailable, signIn } from '../auth';
import { h } from '../dom';
import { lang, t } from '../i18n';
import type { Page } from '../routes';

let previous = '/#/';
/** The shell tells us the page the user was on before following a "Sign in" link. */
export const rememberPage = (path: string) => {
  if (!/#\/?signin\b/.test(path)) previous = path;
};

export const signInPage: Page = {
  path: 'signin',
  titleKey: 'signin.title',
  async render(main, params) {
    main.append(h('h1', {}, t('signin.title')));
    if (!authAvailable()) {
      main.append(h('p', { role: 'status' }, t('signin.unavailable')));
      return;
    }
    const next = params.get('next');
    const returnTo = next && next.startsWith('/') && !next.startsWith('//') ? next : previous;
    const go = () => signIn(returnTo, lang()).catch(() => main.append(h('p', { role: 'alert', class: 'error' }, t('signin.unavailable'))));
    main.append(h('p', { role: 'status' }, t('signin.redirecting')), h('p', {}, h('button', { type: 'button', onclick: () => void go() }, t('signin.continue'))));
    await go();
  },
};
