// The manage page: the link in the email (and the older confirmation page, same link).
// It reads the id and the token from the URL fragment, which the browser never sends to
// a server, and passes the token in a header. Opening it proves the address (issue 13):
// the page verifies the registration first, which keeps the held seat or place.
import { ApiError, api, apiRaw } from '../api';
import { h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { sessionName } from '../sessions/page';
import { manageHash } from './register';
import type { RegistrationView } from '../../../functions/registrations/routes';
import './texts';

export type { RegistrationView };

const tokenHeaders = (token: string) => ({ 'x-registration-token': token });

async function qrImage(id: string, token: string, code: string, attendance: string): Promise<HTMLElement> {
  const svg = await (await apiRaw(`/api/registrations/${encodeURIComponent(id)}/qr.svg`, { headers: tokenHeaders(token) })).text();
  // A data: URL (the CSP allows data: images, never inline markup).
  const src = `data:image/svg+xml;base64,${btoa(svg)}`;
  return h('figure', { class: 'qr' }, h('img', { src, width: 220, height: 220, alt: t('reg.qrAlt', { code }) }), h('figcaption', {}, t(attendance === 'online' ? 'reg.qrCaptionOnline' : 'reg.qrCaption')));
}

async function show(main: HTMLElement, params: URLSearchParams, confirmation: boolean) {
  const id = params.get('id') ?? '';
  const token = params.get('token') ?? '';
  if (!id || !token) {
    main.append(h('h1', {}, t('reg.manageTitle')), h('p', { role: 'alert' }, t('reg.linkBroken')));
    return;
  }
  let verifyProblem: string | undefined;
  try {
    await api<RegistrationView>(`/api/registrations/${encodeURIComponent(id)}/verify`, { method: 'POST', headers: tokenHeaders(token) });
  } catch (error) {
    // 409: the hold lapsed or the registration is cancelled; the view below says which.
    if (!(error instanceof ApiError) || error.problem.status !== 409) throw error;
    verifyProblem = error.problem.detail;
  }
  const reg = await api<RegistrationView>(`/api/registrations/${encodeURIComponent(id)}`, { headers: tokenHeaders(token) });
  const heading =
    reg.status === 'cancelled' || reg.status === 'expired' ? t('reg.cancelledTitle') : confirmation ? (reg.status === 'confirmed' ? t('reg.confirmedTitle') : t('reg.waitlistedTitle')) : t('reg.manageTitle');
  main.append(h('h1', {}, heading));
  const status =
    reg.status === 'waitlisted' ? t('reg.status.waitlisted', { position: reg.waitlistPosition ?? '?' }) : t(`reg.status.${reg.status}`);
  main.append(
    h('section', { class: 'card', 'aria-labelledby': 'reg-summary' },
      h('h2', { id: 'reg-summary' }, sessionName(reg.sessionNumber)),
      h('dl', {},
        h('dt', {}, t('reg.statusLabel')), h('dd', { id: 'reg-status', 'data-status': reg.status }, status),
        h('dt', {}, t('reg.codeLabel')), h('dd', { class: 'code', id: 'reg-code' }, reg.confirmationCode),
        h('dt', {}, t('reg.attendance')), h('dd', {}, t(`reg.mode.${reg.attendance}`)),
        h('dt', {}, t('reg.name')), h('dd', {}, reg.name),
        h('dt', {}, t('reg.email')), h('dd', {}, reg.email),
        reg.checkedInAt ? [h('dt', {}, t('reg.checkedInLabel')), h('dd', {}, formatInstant(reg.checkedInAt))] : null,
      ),
    ),
  );
  if (verifyProblem) main.append(h('p', { role: 'alert', id: 'verify-problem' }, verifyProblem));
  else if (reg.verifiedAt) main.append(h('p', { role: 'status', id: 'verified' }, t('reg.verified')));
  if (reg.status === 'confirmed') main.append(await qrImage(id, token, reg.confirmationCode, reg.attendance));
  if (confirmation && reg.status !== 'cancelled' && reg.status !== 'expired') {
    main.append(
      h('p', {}, t('reg.emailSent', { email: reg.email })),
      h('p', {}, h('a', { href: manageHash('registration', id, token) }, t('reg.manageLink')), ' ', h('span', { class: 'muted' }, t('reg.keepLink'))),
    );
  }
  if (!confirmation && reg.status !== 'cancelled' && reg.status !== 'expired' && !reg.checkedInAt) {
    const alert = h('p', { role: 'status', id: 'cancel-status' });
    const yes = h('button', { type: 'button', id: 'cancel-confirm', hidden: true }, t('reg.cancelYes'));
    const ask = h('button', { type: 'button', class: 'secondary', id: 'cancel' }, t('reg.cancel'));
    ask.addEventListener('click', () => {
      yes.hidden = false;
      alert.textContent = t('reg.cancelAsk');
      yes.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await api(`/api/registrations/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers: tokenHeaders(token) });
        alert.textContent = t('reg.cancelDone');
        ask.remove();
        yes.remove();
        const statusCell = main.querySelector('#reg-status');
        if (statusCell) statusCell.textContent = t('reg.status.cancelled');
        main.querySelector('.qr')?.remove();
      } catch (error) {
        alert.textContent = error instanceof ApiError ? error.problem.detail : String(error);
        yes.disabled = false;
      }
    });
    main.append(h('div', { class: 'actions' }, ask, ' ', yes), alert);
  }
}

export const confirmationPage: Page = {
  path: 'registration/confirmed',
  titleKey: 'reg.confirmedTitle',
  render: (main, params) => show(main, params, true),
};

export const managePage: Page = {
  path: 'registration',
  titleKey: 'reg.manageTitle',
  render: (main, params) => show(main, params, false),
};
