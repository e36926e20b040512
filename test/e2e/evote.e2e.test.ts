// E-Vote in a real Chromium: a commissioner votes with a confirm step and sees the
// receipt; the secretariat watches participation and closes; the commissioner then
// sees the result with their receipt among the published ones. Axe on every screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn as signInAs } from '../support/browser';
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

async function signIn(email: string, hash: string, lang = 'en'): Promise<Page> {
  const page = await browser.newPage();
  await signInAs(page, rt.url, email, { lang, returnTo: `/?lang=${lang}#/${hash}` });
  return page;
}

describe('E-Vote pages', () => {
  it('a commissioner votes and sees the receipt; after closing, the result', async () => {
    const title = `Secret consultation ${Date.now()}`;
    const created = await rt.call('POST', '/api/ballots', {
      as: 'secretariat@example.org',
      body: { title, question: 'Adopt the report?', kind: 'secret', majority: 'majority_present', stateConcerned: 'JM', closesAt: '2100-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await rt.call('POST', `/api/ballots/${id}/open`, { as: 'secretariat@example.org' })).status).toBe(200);

    const commissioner = await signIn('commissioner.cl@example.org', 'evote');
    const card = commissioner.locator(`[data-ballot="${id}"]`);
    await card.getByRole('heading', { name: title }).waitFor();
    await expect(card.locator('.deadline').textContent()).resolves.toContain('2100');
    await expect(card.locator('.participation').textContent()).resolves.toContain('0 of 6');
    // Review without a choice: the field error shows; then choose, review, confirm.
    await card.getByRole('button', { name: 'Review vote' }).click();
    await card.getByText('Choose an option.').waitFor();
    await card.getByLabel('In favour').check();
    await card.getByRole('button', { name: 'Review vote' }).click();
    await card.getByText('You are about to vote “In favour”').waitFor();
    expect(await seriousViolations(commissioner)).toEqual([]);
    await card.getByRole('button', { name: 'Confirm vote' }).click();
    const hash = card.locator('.receipt-hash');
    await hash.waitFor();
    const receipt = (await hash.textContent())!.trim();
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    await expect(card.locator('.participation').textContent()).resolves.toContain('1 of 6');
    const download = card.getByRole('link', { name: 'Download the receipt' });
    expect(await download.getAttribute('download')).toBe(`receipt-${id}.txt`);
    expect(decodeURIComponent((await download.getAttribute('href'))!)).toContain(receipt);
    expect(await seriousViolations(commissioner)).toEqual([]);

    // The Jamaican member is recused under Art. 17 and is told why.
    const recused = await signIn('commissioner.jm@example.org', 'evote');
    await recused.locator(`[data-ballot="${id}"] .recused`).waitFor();
    await expect(recused.locator(`[data-ballot="${id}"] .recused`).textContent()).resolves.toContain('Art. 17');
    await expect(recused.locator(`[data-ballot="${id}"] form`).count()).resolves.toBe(0);
    await recused.close();

    // The secretariat sees how many have voted, never who nor a choice, and cannot close
    // before the deadline while a member has not voted (issue 13).
    const secretariat = await signIn('secretariat@example.org', `evote-admin?ballot=${id}`);
    const adminCard = secretariat.locator(`[data-ballot="${id}"]`);
    await adminCard.locator('.secret-count').waitFor();
    await expect(adminCard.locator('.participation').textContent()).resolves.toContain('1 of 6');
    await expect(adminCard.locator('.who').count()).resolves.toBe(0);
    await expect(adminCard.textContent()).resolves.not.toContain('Chile');
    await expect(adminCard.textContent()).resolves.not.toContain('In favour');
    await expect(adminCard.getByRole('button', { name: 'Close now' }).count()).resolves.toBe(0);
    await adminCard.locator('.close-hint').waitFor();
    expect(await seriousViolations(secretariat)).toEqual([]);
    // Once every eligible member has voted, the early close is offered.
    for (const [c, choice] of [['mx', 'no'], ['br', 'no'], ['pa', 'no'], ['pe', 'no'], ['gt', 'abstain']]) {
      expect((await rt.call('POST', `/api/ballots/${id}/votes`, { as: `commissioner.${c}@example.org`, body: { choice } })).status).toBe(201);
    }
    await secretariat.reload();
    await adminCard.getByRole('button', { name: 'Close now' }).click();
    await secretariat.locator(`[data-ballot="${id}"][data-status="closed"] .result`).waitFor();
    await secretariat.close();

    await commissioner.reload();
    const closed = commissioner.locator(`[data-ballot="${id}"] .result`);
    await closed.waitFor();
    await expect(closed.locator('.verdict').textContent()).resolves.toContain('Not adopted');
    await expect(closed.locator('.verdict').textContent()).resolves.toContain('Quorum met');
    await expect(closed.locator('.counts').textContent()).resolves.toBe('In favour 1 · Against 4 · Abstentions 1');
    await expect(closed.locator('tr.mine').textContent()).resolves.toContain(receipt);
    expect(await seriousViolations(commissioner)).toEqual([]);
    await commissioner.close();
  });

  it('shows the dashboard in Spanish, Portuguese and French', async () => {
    for (const [lang, heading] of [['es', 'Votaciones'], ['pt', 'Votações'], ['fr', 'Votes']] as const) {
      const page = await signIn('commissioner.mx@example.org', 'evote', lang);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      await page.close();
    }
  });
});

// A secret ballot's receipt names a choice, and the page keeps it in the browser: on a
// shared computer a session that simply ends (no sign-out) must not show one member's
// choice to the next member who signs in there (found by the second security review).
describe('a receipt kept in the browser', () => {
  it("is shown only to the member who cast it, never to the next one on the same computer", async () => {
    const title = `Shared computer ${Date.now()}`;
    const created = await rt.call('POST', '/api/ballots', {
      as: 'secretariat@example.org',
      body: { title, question: 'Adopt the report?', kind: 'secret', majority: 'majority_present', closesAt: '2100-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await rt.call('POST', `/api/ballots/${id}/open`, { as: 'secretariat@example.org' })).status).toBe(200);

    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, rt.url, 'commissioner.cl@example.org', { returnTo: '/?lang=en#/evote' });
    const card = page.locator(`[data-ballot="${id}"]`);
    await card.getByRole('heading', { name: title }).waitFor();
    await card.getByLabel('Against').check();
    await card.getByRole('button', { name: 'Review vote' }).click();
    await card.getByRole('button', { name: 'Confirm vote' }).click();
    await card.locator('.receipt-hash').waitFor();
    const receipt = (await card.locator('.receipt-hash').textContent())!.trim();

    // Her session ends without a sign-out (closed tab, expiry): the provider's cookie and
    // the stored session go, what the page kept stays.
    await context.clearCookies();
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oidc.')).forEach((k) => localStorage.removeItem(k)));
    // The next member voted elsewhere and signs in here.
    expect((await rt.call('POST', `/api/ballots/${id}/votes`, { as: 'commissioner.mx@example.org', body: { choice: 'yes' } })).status).toBe(201);
    await signInAs(page, rt.url, 'commissioner.mx@example.org', { returnTo: '/?lang=en#/evote' });
    const theirs = page.locator(`[data-ballot="${id}"]`);
    await theirs.getByRole('heading', { name: title }).waitFor();
    await theirs.locator('.voted').waitFor();
    const text = (await theirs.textContent()) ?? '';
    expect(text).not.toContain(receipt);
    expect(await theirs.locator('.receipt-hash').count()).toBe(0);
    await context.close();
  }, 180_000);
});
