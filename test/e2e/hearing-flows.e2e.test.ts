// The request form in steps and the review queue (issue 14) in a real Chromium at phone
// (390 px) and desktop (1280 px) widths: the draft surviving a reload and a language
// switch and resumed on another device, every error at once in a summary in the user's
// language, the searchable State picker, the decision dialog with no default and a
// review step, a bulk decision with per-request results, filters kept in the address.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn as signInAs } from '../support/browser';
import { APPLICANT, SECRETARIAT, freshSession, validBody } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const WINDOW = { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let rt: TestRuntime;
let browser: Browser;
beforeAll(async () => {
  rt = await startTestRuntime({ now: '2031-05-10T12:00:00Z', ownDatabase: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

async function signIn(email: string, lang: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signInAs(page, rt.url, email, { lang });
  return page;
}

const noWiderThan = async (page: Page, width: number) => expect(await page.evaluate(() => document.querySelector('main')!.scrollWidth)).toBeLessThanOrEqual(width);

describe('the stepped hearing request form', () => {
  it('keeps the draft through reload and a language switch, lists it for another device, shows every error at once, then submits', async () => {
    const session = await freshSession(rt, WINDOW);
    const title = `Defensoras del territorio ${Date.now()}`;
    const page = await signIn(APPLICANT, 'es', PHONE);
    await page.goto(`${rt.url}/?lang=es#/hearings/new?session=${session}`);
    await page.getByRole('heading', { level: 1, name: 'Solicitar una audiencia' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Paso 1 de 4: La audiencia' }).waitFor();

    // The State picker: type part of a name, choose with the keyboard or a click.
    await page.getByLabel('Tipo de audiencia *').selectOption('case');
    const picker = page.getByRole('combobox', { name: 'Estado(s) concernido(s) *' });
    await picker.fill('colom');
    await expect(page.getByRole('listbox').getByRole('option').allTextContents()).resolves.toEqual(['Colombia']);
    await picker.press('Enter');
    await picker.fill('per');
    await page.getByRole('listbox').getByRole('option', { name: 'Perú' }).click();
    await expect(page.locator('.chips li[data-code]').allTextContents()).resolves.toEqual(['Colombia ×', 'Perú ×']);
    await page.getByLabel('Título *').fill(title);
    expect(await seriousViolations(page)).toEqual([]);
    await noWiderThan(page, PHONE.width);

    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('heading', { level: 2, name: 'Paso 2 de 4: Objetivo y fundamento' }).waitFor();
    await page.getByLabel('Objetivo (máx. 25 palabras) *').fill(Array(26).fill('palabra').join(' '));
    // The date picker: the browser's own date input, each date added to a list.
    await page.getByLabel('Fechas en que los participantes no están disponibles').first().fill('2031-12-02');
    await page.getByRole('button', { name: 'Añadir la fecha' }).click();
    await expect(page.locator('.chips li[data-date]').getAttribute('data-date')).resolves.toBe('2031-12-02');
    // Saved on the server: the address now names the draft.
    await page.waitForFunction(() => /draft=/.test(location.hash));
    await page.locator('#draft-status', { hasText: 'Borrador guardado' }).waitFor();
    const draftId = new URL(page.url()).hash.match(/draft=(\w+)/)![1];

    // A reload keeps everything, on the same step.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Paso 2 de 4: Objetivo y fundamento' }).waitFor();
    await expect(page.getByLabel('Objetivo (máx. 25 palabras) *').inputValue()).resolves.toBe(Array(26).fill('palabra').join(' '));
    await expect(page.getByLabel('Título *').inputValue()).resolves.toBe(title);

    // So does a language switch, with the form now in English.
    // On a phone the language menu is behind the Menu button.
    if (!(await page.locator('#lang').isVisible())) await page.locator('#menu-button').click();
    await page.locator('#lang').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Request a hearing' }).waitFor();
    await expect(page.getByLabel('Title *').inputValue()).resolves.toBe(title);
    await expect(page.locator('.chips li[data-code]').allTextContents()).resolves.toEqual(['Colombia ×', 'Peru ×']);
    await expect(page.locator('.chips li[data-date]').count()).resolves.toBe(1);

    // And so does leaving the page and coming Back.
    if (!(await page.locator('header a[href="#/hearings/mine"]').isVisible())) await page.locator('#menu-button').click();
    await page.locator('header a[href="#/hearings/mine"]').click();
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Request a hearing' }).waitFor();
    await expect(page.getByLabel('Title *').inputValue()).resolves.toBe(title);
    await expect(page.getByLabel('Objective (max. 25 words) *').inputValue()).resolves.toBe(Array(26).fill('palabra').join(' '));

    // Another device (a desktop) finds the draft under "My requests" and resumes it.
    const desktop = await signIn(APPLICANT, 'fr', DESKTOP);
    await desktop.goto(`${rt.url}/?lang=fr#/hearings/mine`);
    const card = desktop.locator(`section[data-draft="${draftId}"]`);
    await card.waitFor();
    expect(await seriousViolations(desktop)).toEqual([]);
    await card.getByRole('link', { name: `Continuer « ${title} »` }).click();
    await desktop.getByRole('heading', { level: 1, name: 'Demander une audience' }).waitFor();
    await expect(desktop.getByLabel('Titre *').inputValue()).resolves.toBe(title);
    await desktop.close();

    // Every error at once, in English, in a summary whose links reach each field.
    await page.getByRole('button', { name: 'Submit the request' }).click();
    const summary = page.locator('#form-summary');
    await summary.waitFor();
    const problems = await summary.locator('li a').allTextContents();
    expect(problems).toEqual([
      'Matter number: Give the number of the petition, case or precautionary measure.',
      'Objective (max. 25 words): Use at most 25 words; it now has 26.',
      'Basis (max. 75 words): Fill in this field.',
      'Name of participant 1: Enter the name of participant 1.',
      'Contact name: Fill in this field.',
      'Contact email: Fill in this field.',
    ]);
    await expect(summary.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('There are 6 problems to fix before sending');
    for (const text of problems) expect(text).not.toMatch(/expected|Too small|Invalid|Inválido/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-summary');
    expect(await seriousViolations(page)).toEqual([]);
    await summary.getByRole('link', { name: /^Contact email/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-contact.email');
    await expect(page.getByLabel('Contact email *').getAttribute('aria-invalid')).resolves.toBe('true');

    // Fix them, step by step, then send.
    await page.getByLabel('Contact name *').fill('Ana Pérez');
    await page.getByLabel('Contact email *').fill('ana.flow@example.org');
    await summary.getByRole('link', { name: /^Matter number/ }).click();
    await page.getByLabel('Matter number').fill('12.345');
    await summary.getByRole('link', { name: /^Objective/ }).click();
    await page.getByLabel('Objective (max. 25 words) *').fill('Informar sobre la situación de las defensoras.');
    await page.getByLabel('Basis (max. 75 words) *').fill('Las defensoras sufren amenazas constantes.');
    await summary.getByRole('link', { name: /^Name of participant 1/ }).click();
    await page.getByLabel('Name of participant 1').fill('Ana Pérez');
    await page.getByRole('button', { name: 'Submit the request' }).click();
    const done = page.locator('p.done');
    await done.waitFor();
    const id = (await done.getAttribute('data-id'))!;

    const stored = await rt.call('GET', `/api/hearing-requests/${id}`, { as: APPLICANT });
    expect(stored.body).toMatchObject({ title, states: ['CO', 'PE'], unavailableDates: ['2031-12-02'], matter: { type: 'case', number: '12.345' }, sessionNumber: session });
    const drafts = await rt.call('GET', '/api/hearing-request-drafts', { as: APPLICANT });
    expect(drafts.body.items.map((d: { id: string }) => d.id)).not.toContain(draftId);
    // The tab's copy is cleared: a new form starts empty.
    await page.goto(`${rt.url}/?lang=en#/hearings/new?session=${session}`);
    await page.getByRole('heading', { level: 2, name: 'Step 1 of 4: The hearing' }).waitFor();
    await expect(page.getByLabel('Title *').inputValue()).resolves.toBe('');
  });
});

describe('the review queue', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`decides one request through the dialog and two at once, with the filters in the address (${viewport.width} px)`, async () => {
      // The highest possible number: no later Period exists, so Defer must say why it is unavailable.
      const highest = (await rt.call('GET', '/api/sessions/999999')).status === 404;
      const session = highest ? await freshSession(rt, WINDOW, 2031, 999_999) : await freshSession(rt, WINDOW);
      const created = [];
      for (const n of [1, 2, 3]) created.push((await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session, { title: `Solicitud ${n} ${viewport.width}` }) })).body);
      const [one, two, three] = created;

      const page = await signIn(SECRETARIAT, 'en', viewport);
      await page.goto(`${rt.url}/?lang=en#/hearings/review`);
      await page.getByLabel('Period of Sessions').selectOption(String(session));
      await page.getByLabel('Status', { exact: true }).selectOption('submitted');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForFunction((n) => location.hash.includes(`session=${n}`) && location.hash.includes('status=submitted'), session);
      // A reload shows the same queue.
      await page.reload();
      await page.locator(`tr[data-id="${one.id}"]`).waitFor();
      await expect(page.getByLabel('Period of Sessions').inputValue()).resolves.toBe(String(session));
      await expect(page.locator('tbody tr').count()).resolves.toBe(3);
      expect(await seriousViolations(page)).toEqual([]);

      // One request: no decision chosen in advance; a review before anything is sent.
      await page.locator(`tr[data-id="${one.id}"]`).getByRole('button', { name: `Decide on "${one.title}"` }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.locator('input[name="decision"]:checked').count()).resolves.toBe(0);
      if (highest) {
        await expect(dialog.getByLabel('Defer to a later Period').isDisabled()).resolves.toBe(true);
        await expect(dialog.locator('#defer-unavailable').textContent()).resolves.toContain('there is no Period of Sessions after the');
      }
      await dialog.getByRole('button', { name: 'Review the decision' }).click();
      await expect(dialog.locator('[id="err-decision"]').textContent()).resolves.toBe('Choose a decision.');
      await expect(dialog.locator('[id="err-reason"]').textContent()).resolves.toBe('Give the reason.');
      await dialog.getByLabel('Reject', { exact: true }).check();
      await dialog.getByLabel('Reason (sent to the organisation) *').fill('Fuera del mandato.');
      await dialog.getByRole('button', { name: 'Review the decision' }).click();
      await expect(dialog.locator('#decision-summary').textContent()).resolves.toContain('Reject the request with the reason "Fuera del mandato."');
      expect(await seriousViolations(page)).toEqual([]);
      // Nothing was sent yet.
      expect((await rt.call('GET', `/api/hearing-requests/${one.id}`, { as: SECRETARIAT })).body.status).toBe('submitted');
      await dialog.getByRole('button', { name: 'Confirm the decision' }).click();
      await page.locator(`tr[data-id="${one.id}"] [data-status="rejected"]`).waitFor();

      // Two at once, selected with the keyboard: Space on a checkbox, the down arrow to the
      // next request (newest first: the third, then the second).
      const firstBox = page.getByRole('checkbox', { name: `Select "${three.title}"` });
      await firstBox.focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).getAttribute('aria-label'))).toBe(`Select "${two.title}"`);
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Decide on the 2 selected requests' }).click();
      const bulk = page.getByRole('dialog');
      await bulk.getByRole('heading', { name: 'Decide on 2 requests' }).waitFor();
      await expect(bulk.locator('input[name="decision"]:checked').count()).resolves.toBe(0);
      await bulk.getByLabel('Accept', { exact: true }).check();
      await bulk.getByLabel('Reason (sent to the organisation) *').fill('Cumple los requisitos.');
      await bulk.getByRole('button', { name: 'Review the decision' }).click();
      await bulk.getByRole('button', { name: 'Confirm the decision' }).click();
      const results = page.locator('#bulk-results li');
      await expect.poll(() => results.count()).toBe(2);
      await expect(results.allTextContents()).resolves.toEqual([`"${three.title}": Accepted.`, `"${two.title}": Accepted.`]);
      await expect(page.locator('#review-status').textContent()).resolves.toBe('2 of 2 decisions recorded.');
      for (const r of [two, three]) expect((await rt.call('GET', `/api/hearing-requests/${r.id}`, { as: SECRETARIAT })).body.status).toBe('accepted');
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
