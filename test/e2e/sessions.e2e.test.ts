// The Periods of Sessions page in a real Chromium, in the four languages, with axe.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn as signInAs } from '../support/browser';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
let browser: Browser;
beforeAll(async () => {
  rt = await startTestRuntime({ now: '2020-09-10T12:00:00Z' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

const expected = {
  es: { heading: 'Períodos de Sesiones', name: '178.º Período de Sesiones', open: 'Abiertas hasta', month: 'diciembre' },
  en: { heading: 'Periods of Sessions', name: '178th Period of Sessions', open: 'Open until', month: 'December' },
  pt: { heading: 'Períodos de Sessões', name: '178º Período de Sessões', open: 'Abertos até', month: 'dezembro' },
  fr: { heading: 'Périodes de sessions', name: '178e Période de sessions', open: "Ouvertes jusqu'au", month: 'décembre' },
} as const;

describe('Periods of Sessions page', () => {
  for (const [lang, text] of Object.entries(expected)) {
    it(`shows the 2020 sessions in ${lang}, accessible`, async () => {
      const page = await browser.newPage();
      await page.goto(`${rt.url}/?lang=${lang}#/sessions`);
      await page.getByRole('heading', { level: 1, name: text.heading }).waitFor();
      const card = page.locator('[data-session="178"]');
      await expect(card.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(text.name);
      await expect(card.locator('.dates').textContent()).resolves.toContain(text.month);
      // The simulated clock (10 Sep 2020) puts the 178th's window open and the others closed.
      await expect(card.locator('.window-open').textContent()).resolves.toContain(text.open);
      // (other test files add sessions to the shared table: look at the seeded ones only)
      for (const closed of [175, 176, 177]) await expect(page.locator(`[data-session="${closed}"] .window-closed`).count()).resolves.toBe(1);
      await expect(page.locator('[data-session]').count()).resolves.toBeGreaterThanOrEqual(4);
      await expect(page.locator('#simulated').isVisible()).resolves.toBe(true);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('switches language in place and signs in through the local OpenID Connect provider', async () => {
    const page = await browser.newPage();
    await signInAs(page, rt.url, 'secretariat@example.org', { lang: 'en' });
    await page.getByText('Signed in as Executive Secretariat').waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByText('Connecté : Executive Secretariat').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
