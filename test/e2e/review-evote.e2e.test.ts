// An attacker's reading of the E-Vote pages (the second security review): a secret
// ballot's receipt names a choice, and the page keeps it in the browser; on a shared
// computer a session that simply ends (no sign-out) must not show one member's choice
// to the next member who signs in there.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../support/browser';
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
    await signIn(page, rt.url, 'commissioner.cl@example.org', { returnTo: '/?lang=en#/evote' });
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
    await signIn(page, rt.url, 'commissioner.mx@example.org', { returnTo: '/?lang=en#/evote' });
    const theirs = page.locator(`[data-ballot="${id}"]`);
    await theirs.getByRole('heading', { name: title }).waitFor();
    await theirs.locator('.voted').waitFor();
    const text = (await theirs.textContent()) ?? '';
    expect(text).not.toContain(receipt);
    expect(await theirs.locator('.receipt-hash').count()).toBe(0);
    await context.close();
  }, 180_000);
});
