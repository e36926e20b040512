// The shell and the visual language in a real Chromium at phone (390 px) and desktop
// (1280 px) widths: no page scrolls sideways on a phone, the header stays compact, the
// skip link focuses the main region (never "Page not found"), tables become cards, the
// home page tells each role what to do now, no internal value (ISO instant, IANA zone)
// is on screen, and axe stays at zero on every page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn } from '../support/browser';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
let browser: Browser;
const contexts = new Map<string, BrowserContext>();
beforeAll(async () => {
  rt = await startTestRuntime({ now: '2020-09-10T12:00:00Z', ownDatabase: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

/** A page signed in as `email` (or signed out), at the given width. Sign-in happens at desktop width, where the header shows "Sign out". */
async function pageAs(email: string | undefined, width: number): Promise<Page> {
  const key = email ?? 'public';
  let context = contexts.get(key);
  if (!context) {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.set(key, context);
    if (email) {
      const first = await context.newPage();
      await signIn(first, rt.url, email, { lang: 'en' });
      await first.close();
    }
  }
  const page = await context.newPage();
  await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  return page;
}

/** Opens a page and waits until its render has finished (the shell drops aria-busy). */
async function open(page: Page, path: string, lang = 'en') {
  await page.goto(`${rt.url}/?lang=${lang}#/${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main[aria-busy]'));
}

const ISO = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const IANA = /\b(America|Europe|Etc)\/[A-Z]/;

const pagesByRole: [string | undefined, string[]][] = [
  [undefined, ['', 'sessions', 'schedule?session=178', 'register?session=178']],
  ['applicant1@example.org', ['', 'hearings/new', 'hearings/mine']],
  ['secretariat@example.org', ['', 'hearings/review', 'timetable?session=178', 'checkin', 'attendees?session=178', 'evote-admin']],
  ['commissioner.mx@example.org', ['', 'evote']],
];

describe('every page at phone and desktop widths', () => {
  for (const width of [390, 1280]) {
    for (const [email, paths] of pagesByRole) {
      it(`${email ?? 'public'} at ${width} px: no sideways scroll, no internal values, axe clean`, async () => {
        const page = await pageAs(email, width);
        for (const path of paths) {
          await open(page, path);
          const { scroll, viewport, header } = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            header: document.querySelector('header')!.getBoundingClientRect().height,
          }));
          expect(scroll, `${path} scrolls sideways at ${width}`).toBeLessThanOrEqual(viewport);
          // The header is one line on a phone (it filled half the first screen before).
          if (width === 390) expect(header, `${path} header height`).toBeLessThan(90);
          const text = await page.locator('body').innerText();
          expect(text, `${path} shows an ISO instant`).not.toMatch(ISO);
          expect(text, `${path} shows an IANA zone`).not.toMatch(IANA);
          expect(await seriousViolations(page), path).toEqual([]);
        }
        await page.close();
      });
    }
  }
});

describe('the shell', () => {
  it('skip link moves focus to main and keeps the page (no "Page not found")', async () => {
    const page = await pageAs(undefined, 1280);
    await open(page, 'sessions');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('skip');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    expect(new URL(page.url()).hash).toBe('#/sessions');
    await expect(page.getByText('Page not found.').count()).resolves.toBe(0);
    await page.getByRole('heading', { level: 1, name: 'Periods of Sessions' }).waitFor();
    // Loaded straight at #main (a bookmarked skip link; a new query, so a new document), the home page shows.
    await page.goto(`${rt.url}/?lang=en&from=bookmark#main`);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await expect(page.getByText('Page not found.').count()).resolves.toBe(0);
    await page.close();
  });

  it('folds the navigation behind a Menu button on a phone', async () => {
    const page = await pageAs(undefined, 390);
    await open(page, '');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(nav.isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).resolves.toBe('true');
    await nav.getByRole('link', { name: 'Hearing schedule' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hearing schedule' }).waitFor();
    await page.close();
  });

  it('turns tables into labelled cards at 390 px and keeps them tables at 1280 px', async () => {
    for (const width of [390, 1280]) {
      const page = await pageAs('secretariat@example.org', width);
      await open(page, 'attendees?session=178');
      const counts = page.locator('#counts');
      await expect(counts.evaluate((t) => t.classList.contains('cards'))).resolves.toBe(true);
      await expect(counts.locator('td[data-label="Confirmed"]').count()).resolves.toBe(2);
      const display = await counts.locator('tbody tr').first().evaluate((tr) => getComputedStyle(tr).display);
      expect(display).toBe(width === 390 ? 'block' : 'table-row');
      await page.close();
    }
  });

  it('serves text compressed, with a meta description and robots.txt', async () => {
    const page = await pageAs(undefined, 1280);
    await open(page, 'sessions', 'es');
    const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')!.src);
    const html = await page.content();
    expect(html).toContain('<meta name="description"');
    await page.close();
    const answer = await fetch(script, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(answer.headers.get('content-encoding')).toBe('br');
    expect(answer.headers.get('vary')).toContain('Accept-Encoding');
    expect((await answer.text()).length).toBeGreaterThan(10_000);
    const gz = await fetch(`${rt.url}/api/sessions`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(((await gz.json()) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(4);
    expect((await fetch(`${rt.url}/robots.txt`).then((r) => r.text()))).toContain('User-agent');
  });
});

describe('times', () => {
  it("shows the schedule in the viewer's zone, the venue's zone in words and its local time beside", async () => {
    // A timetable of the 178th (venue: New York), as the secretariat would publish it.
    const listed = await rt.call('GET', '/api/hearing-requests?status=submitted&sessionNumber=178&limit=4', { as: 'secretariat@example.org' });
    for (const r of listed.body.items as { id: string }[]) {
      await rt.call('POST', `/api/hearing-requests/${r.id}/decision`, { as: 'secretariat@example.org', body: { decision: 'accepted', reason: 'Aceptada.', releaseNow: true } });
    }
    expect((await rt.call('POST', '/api/sessions/178/schedule/proposals', { as: 'secretariat@example.org' })).status).toBe(201);
    expect((await rt.call('POST', '/api/sessions/178/schedule/publish', { as: 'secretariat@example.org' })).status).toBeLessThan(300);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'Europe/Madrid' });
    const page = await context.newPage();
    await open(page, 'schedule?session=178');
    const note = await page.locator('#times-in').textContent();
    expect(note).toContain('Times in your zone');
    expect(note).not.toMatch(IANA);
    await expect(page.locator('.local-time').first().textContent()).resolves.toContain('at the venue');
    await expect(page.locator('body').innerText()).resolves.not.toMatch(IANA);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('home per role', () => {
  it('the public: what is open now, newest Period first, a way in for each kind of user', async () => {
    const page = await pageAs(undefined, 390);
    await open(page, '');
    // 10 Sep 2020: the 178th's request window is open.
    await page.locator('#todo-request-178').getByRole('link', { name: 'Request a hearing' }).waitFor();
    for (const door of ['public', 'applicant', 'secretariat', 'commissioner']) await page.locator(`#door-${door}`).waitFor();
    const numbers = await page.locator('#home-sessions [data-session]').evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-session'))));
    expect(numbers.length).toBeGreaterThanOrEqual(2);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    // Signed out, the staff doors lead to sign-in and back.
    await expect(page.locator('#door-secretariat a').first().getAttribute('href')).resolves.toContain('#/signin?next=');
    await page.close();
  });

  it('a commissioner: the ballots awaiting their vote', async () => {
    const page = await pageAs('commissioner.mx@example.org', 1280);
    await open(page, '');
    await page.locator('#todo-vote').getByText('2 ballots are awaiting your vote.').waitFor();
    await open(page, 'evote');
    // What is open for them comes first, tagged.
    await expect(page.locator('[data-status="open"] [data-awaiting]').count()).resolves.toBe(2);
    await page.close();
  });

  it('the secretariat: requests to review and ballots running; every ballot in the list by status', async () => {
    const page = await pageAs('secretariat@example.org', 1280);
    await open(page, '');
    await page.locator('#todo-review').getByRole('link', { name: 'Review requests' }).waitFor();
    await page.locator('#todo-ballots').getByText('Ballots: 2 open, 0 in draft.').waitFor();
    await open(page, 'evote-admin');
    await page.locator('[data-group="open"] [data-ballot]').first().waitFor();
    // A seeded open ballot before its deadline (by the server's clock) offers no Close button that can only fail.
    await expect(page.locator('[data-group="open"] button.close').count()).resolves.toBe(0);
    // A new ballot appears in the list, in its group, focused.
    await page.getByLabel('Title').fill('Shell test ballot');
    await page.getByLabel('Question').fill('Adopt?');
    await page.getByLabel('Closes at (local time)').fill('2020-12-30T12:00');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.locator('[data-group="draft"] [data-ballot]').getByRole('heading', { name: 'Shell test ballot' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain('Shell test ballot');
    await page.close();
  });

  it('an applicant: a way to their requests', async () => {
    const page = await pageAs('applicant1@example.org', 1280);
    await open(page, '');
    await page.locator('#todo-mine').getByRole('link', { name: 'My requests' }).waitFor();
    await page.close();
  });
});
