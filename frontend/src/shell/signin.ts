// Development sign-in: lists the seeded users of the local identity provider.
import { ApiError, api, setSignedIn, type SignedIn } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { Page } from '../routes';

interface DevUser {
  email: string;
  name: string;
  groups: string[];
}

export const signInPage: Page = {
  path: 'signin',
  titleKey: 'signin.title',
  async render(main) {
    main.append(h('h1', {}, t('signin.title')), h('p', {}, t('signin.intro')));
    let users: DevUser[];
    try {
      users = (await api<{ items: DevUser[] }>('/api/dev/users')).items;
    } catch {
      main.append(h('p', { role: 'status' }, t('signin.unavailable')));
      return;
    }
    const list = h('ul', { class: 'users' });
    for (const user of users) {
      list.append(
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              'data-email': user.email,
              onclick: async () => {
                try {
                  const session = await api<SignedIn>('/api/dev/login', { method: 'POST', json: { email: user.email } });
                  setSignedIn(session);
                  location.hash = '#/';
                  window.dispatchEvent(new Event('docket:signin'));
                } catch (error) {
                  if (error instanceof ApiError) main.append(h('p', { role: 'alert' }, error.problem.detail));
                }
              },
            },
            t('signin.as', { email: user.email }),
          ),
          ' ',
          h('span', { class: 'muted' }, user.groups.map((g) => t(`role.${g}`)).join(', ')),
        ),
      );
    }
    main.append(list);
  },
};
