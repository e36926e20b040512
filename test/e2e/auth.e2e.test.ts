// Sign-in in a real Chromium through the real redirect: the site sends the browser to
// the provider's authorization endpoint (code flow, PKCE S256), the provider's login
// page, the callback, the code exchange; then new tabs, sign-out (the provider's
// session too) and the API Gateway's own error bodies, translated.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn, signOut } from '../support/browser';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
let browser: Browser;
beforeAll(async () => {
  rt = await startTestRuntime();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

describe('sign-in with OpenID Connect (code + PKCE)', () => {
  it('an applicant signs in through the redirect and comes back to the page that asked', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Signed out, the applicant's page asks for sign-in; its link remembers the page.
    await page.goto(`${rt.url}/?lang=en#/hearings/mine`);
    await page.getByText('Sign in as Applicant organisation to use this page.').waitFor();
    const authorize = page.waitForRequest((r) => r.url().startsWith(`${rt.url}/oidc/auth?`));
    const token = page.waitForRequest((r) => r.url() === `${rt.url}/oidc/token`);
    await page.locator('main a[href="#/signin"]').click();
    const request = new URL((await authorize).url());
    expect(request.searchParams.get('response_type')).toBe('code');
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(request.searchParams.get('client_id')).toBe('docket-local');
    expect(request.searchParams.get('redirect_uri')).toBe(`${rt.url}/`);
    expect(request.searchParams.get('scope')).toBe('openid email profile');
    expect(request.searchParams.get('ui_locales')).toBe('en');

    // The provider's own login page, in the site's language, lists the seeded users.
    await page.waitForURL((url) => url.pathname.startsWith('/oidc/interaction/'));
    await page.getByRole('heading', { level: 1, name: 'Sign in (development)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in as applicant1@example.org' }).click();

    // Callback: the code goes back to the token endpoint with the PKCE verifier.
    const exchange = new URLSearchParams((await token).postData() ?? '');
    expect(exchange.get('grant_type')).toBe('authorization_code');
    expect(exchange.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    expect(exchange.get('client_id')).toBe('docket-local');
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/hearings/mine');
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    await page.getByText('Signed in as Applicant 1').waitFor();
    await expect(page.getByText('Sign in as Applicant organisation').count()).resolves.toBe(0);
    await context.close();
  });

  it('the secretariat stays signed in in a new tab and the API accepts its ID token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const trace = await signIn(page, rt.url, 'secretariat@example.org', { returnTo: '/?lang=en#/hearings/review' });
    expect(trace.authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(trace.token.body.get('grant_type')).toBe('authorization_code');
    await page.getByRole('heading', { level: 1, name: 'Review requests' }).waitFor();

    // A new tab, as when following a link from an email: signed in without a new login.
    const tab = await context.newPage();
    const authorizeAgain: string[] = [];
    tab.on('request', (r) => {
      if (r.url().includes('/oidc/auth')) authorizeAgain.push(r.url());
    });
    const reviewList = tab.waitForResponse((r) => r.url().includes('/api/hearing-requests') && r.request().headers().authorization?.startsWith('Bearer ') === true);
    await tab.goto(`${rt.url}/?lang=en#/hearings/review`);
    await tab.getByText('Signed in as Executive Secretariat').waitFor();
    expect((await reviewList).status()).toBe(200);
    expect(authorizeAgain).toEqual([]);
    // The token the page sends is the ID token of the code flow, which the API takes.
    const idToken = await tab.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('oidc.user:'))!;
      return JSON.parse(localStorage.getItem(key)!).id_token as string;
    });
    expect((await rt.call('GET', '/api/hearing-requests?status=submitted', { token: idToken })).status).toBe(200);
    await context.close();
  });

  it('a commissioner signs in and out; signing out ends the provider session too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rt.url, 'commissioner.cl@example.org', { returnTo: '/?lang=en#/evote' });
    await page.getByRole('heading', { level: 1, name: 'Votes' }).waitFor();
    await page.getByText('Signed in as Commissioner (Chile)').waitFor();
    const tab = await context.newPage();
    await tab.goto(`${rt.url}/?lang=en#/evote`);
    await tab.getByText('Signed in as Commissioner (Chile)').waitFor();

    // What the pages keep that names people or a choice (a receipt, a form's copy, a roster)
    // is forgotten at sign-out: the next person at a shared computer finds none of it.
    await page.evaluate(() => {
      localStorage.setItem('docket.evote.receipts', JSON.stringify({ b: { choice: 'yes' } }));
      sessionStorage.setItem('docket.hearingForm.commissioner.cl@example.org.new', '{"fields":{}}');
      sessionStorage.setItem('docket.roster.178', '{"people":[]}');
      localStorage.setItem('docket.lang', 'en');
    });
    await signOut(page, rt.url);
    await expect(page.locator('#signout').count()).resolves.toBe(0);
    const left = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('docket.')));
    expect(left).toEqual(['docket.lang']);
    // The other tab follows (the stored session is shared).
    await tab.locator('header a[href="#/signin"]').waitFor();
    // Signing in again asks who you are: the provider's session is gone as well.
    await page.goto(`${rt.url}/?lang=en#/signin`);
    await page.waitForURL((url) => url.pathname.startsWith('/oidc/interaction/'));
    await page.getByRole('heading', { level: 1, name: 'Sign in (development)' }).waitFor();
    await context.close();
  });

  it('renews an expired session with the refresh token, without a new sign-in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rt.url, 'secretariat@example.org', { returnTo: '/?lang=en#/hearings/review' });
    const before = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('oidc.user:'))!;
      const user = JSON.parse(localStorage.getItem(key)!);
      // As if the tab had been left for longer than the tokens live.
      user.expires_at = Math.floor(Date.now() / 1000) - 60;
      localStorage.setItem(key, JSON.stringify(user));
      return user.id_token as string;
    });
    const refresh = page.waitForRequest((r) => r.url() === `${rt.url}/oidc/token` && (r.postData() ?? '').includes('grant_type=refresh_token'));
    const authorize: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/oidc/auth')) authorize.push(r.url());
    });
    await page.goto(`${rt.url}/?lang=en&renew=1#/hearings/review`);
    await refresh;
    await page.getByText('Signed in as Executive Secretariat').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Review requests' }).waitFor();
    const renewed = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('oidc.user:'))!)!) as { id_token: string; expires_at: number });
    // The stored session was renewed (it had expired a minute ago). The ID token itself may
    // be byte-identical when renewal falls in the second of sign-in (RS256 is deterministic).
    expect(renewed.expires_at).toBeGreaterThan(Math.floor(Date.now() / 1000));
    expect(before).toBeTruthy();
    const after = renewed.id_token;
    expect(authorize).toEqual([]);
    expect((await rt.call('GET', '/api/hearing-requests?status=submitted', { token: after })).status).toBe(200);
    await context.close();
  });

  it("signs out through Cognito's /logout (client_id, logout_uri) when config.json names it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rt.url, 'applicant1@example.org');
    // The deployed config.json carries Cognito's logout URL (it has no end_session_endpoint).
    const config = await (await fetch(`${rt.url}/config.json`)).json();
    await page.route('**/config.json', (route) => route.fulfill({ json: { oidc: { ...config.oidc, logoutUrl: `${rt.url}/cognito-logout` } } }));
    const logout = page.waitForRequest((r) => r.url().startsWith(`${rt.url}/cognito-logout`));
    await page.goto(`${rt.url}/?lang=en&v=2#/`);
    await page.locator('#signout').click();
    const url = new URL((await logout).url());
    expect(url.searchParams.get('client_id')).toBe('docket-local');
    expect(url.searchParams.get('logout_uri')).toBe(`${rt.url}/`);
    // The site's own session is gone before it leaves.
    await page.goto(`${rt.url}/?lang=en#/`);
    await page.locator('header a[href="#/signin"]').waitFor();
    await context.close();
  });

  it("shows API Gateway's own error bodies translated, and offers sign-in again on 401", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rt.url, 'applicant2@example.org', { lang: 'fr', returnTo: '/?lang=fr#/' });
    const answers: Record<number, { body: string; text: string }> = {
      401: { body: '{"message":"Unauthorized"}', text: "Votre session n'est pas valide ou a expiré." },
      403: { body: '{"message":"Forbidden"}', text: "Vous n'êtes pas autorisé·e à effectuer cette action." },
      429: { body: '{"message":"Too Many Requests"}', text: 'Trop de requêtes en ce moment.' },
      503: { body: '{"message":"Service Unavailable"}', text: 'Le service est momentanément indisponible.' },
      504: { body: '{"message":"Endpoint request timed out"}', text: 'Le service a mis trop de temps à répondre.' },
    };
    for (const [status, answer] of Object.entries(answers)) {
      await page.route('**/api/hearing-requests**', (route) => route.fulfill({ status: Number(status), contentType: 'application/json', body: answer.body }));
      // (a new query each time: the same URL with a hash would not load the page again)
      await page.goto(`${rt.url}/?lang=fr&try=${status}#/hearings/mine`);
      const alert = page.locator('main [role="alert"]');
      await alert.getByText(answer.text).waitFor();
      expect(await alert.textContent()).not.toContain('undefined');
      await page.unroute('**/api/hearing-requests**');
      if (status === '401') {
        // The session is dropped and the page offers to sign in again, back to this page.
        await page.locator('#signin-again').waitFor();
        await page.locator('#signin-again').click();
        await page.waitForURL((url) => url.pathname.startsWith('/oidc/interaction/') || url.hash === '#/hearings/mine');
        // The provider's session still lives: it signs straight back in, to the same page.
        await page.waitForURL((url) => url.hash === '#/hearings/mine');
        await page.locator('#signout').waitFor();
      }
    }
    await context.close();
  });
});
