// Registration to attend in a real Chromium: a member of the public registers online in
// Portuguese and sees the QR; the secretariat checks the code in (once), all with axe.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn as signInAs } from '../support/browser';
import { listOutbox } from '../../local/outbox';
import { emailedToken } from '../support/registrations';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

let rt: TestRuntime;
let browser: Browser;
beforeAll(async () => {
  rt = await startTestRuntime({ now: '2020-11-25T15:00:00Z' });
  await rt.setNow('2020-11-25T15:00:00Z');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

describe('registration pages', () => {
  it('registers online in Portuguese, shows the QR, and the secretariat checks the code in once', async () => {
    const email = `maria.${Date.now().toString(36)}@example.org`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${rt.url}/?lang=pt#/register?session=178`);
    await page.getByRole('heading', { level: 1, name: 'Inscrição — 178º Período de Sessões' }).waitFor();
    // The 178th is online only: in person is offered as disabled, online is chosen.
    await expect(page.getByLabel('Presencial').isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel('Online').isChecked()).resolves.toBe(true);
    await expect(page.locator('#privacy').textContent()).resolves.toContain('90 dias após o fim do Período de Sessões');
    expect(await seriousViolations(page)).toEqual([]);

    // A server-side field error lands next to its field.
    await page.getByLabel('Nome completo').fill('Maria da Conceição');
    await page.getByLabel('E-mail', { exact: true }).fill('not-an-email');
    await page.getByLabel('País').selectOption('BR');
    await page.getByRole('button', { name: 'Inscrever-me' }).click();
    await page.locator('#email-error').getByText('Deve ser um endereço de e-mail válido.').waitFor();
    await expect(page.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Inscrever-me' }).click();
    // The token travels only by email (issue 13): the page says to open the link in time.
    await page.getByRole('heading', { level: 2, name: 'Verifique seu e-mail' }).waitFor();
    await expect(page.locator('#check-email').textContent()).resolves.toContain(email);
    expect(page.url()).not.toContain('token=');
    expect(await seriousViolations(page)).toEqual([]);

    // The link in the mail opens the registration and proves the address.
    let link: string | undefined;
    for (let i = 0; i < 200 && !link; i++) {
      link = listOutbox(rt.outboxDir).find((m) => m.to === email)?.text.match(/#\/registration\?id=[0-9A-Z]{26}&token=[A-Za-z0-9_-]+/)?.[0];
      if (!link) await new Promise((r) => setTimeout(r, 100));
    }
    expect(link).toBeDefined();
    await page.goto(`${rt.url}/?lang=pt${link}`);
    await page.locator('#verified').waitFor();
    const code = (await page.locator('#reg-code').textContent())!;
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const qr = page.getByRole('img', { name: `QR code da inscrição ${code}` });
    await qr.waitFor();
    await expect(qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // The secretariat, in another browser context, checks the code in at the door.
    const desk = await (await browser.newContext()).newPage();
    await signInAs(desk, rt.url, 'secretariat@example.org', { lang: 'pt' });
    await desk.getByText('Sessão de Executive Secretariat').waitFor();
    await desk.goto(`${rt.url}/?lang=pt#/checkin?session=178`);
    await desk.getByRole('heading', { level: 1, name: 'Registro de entrada' }).waitFor();
    await desk.getByLabel('Código de confirmação').fill(code.toLowerCase());
    await desk.getByRole('button', { name: 'Registrar entrada' }).click();
    await desk.locator('#checkin-result').getByText(`Entrada registrada: Maria da Conceição (${code})`).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.getByLabel('Código de confirmação').fill(code);
    await desk.getByRole('button', { name: 'Registrar entrada' }).click();
    // The page knows from its roster that Maria is in (the server would refuse it too: checkin.e2e).
    await desk.locator('#checkin-result.error').getByText('Maria da Conceição já entrou').waitFor();
    // The time of the first check-in is written for people, not as an ISO timestamp (issue 14).
    await expect(desk.locator('#checkin-result').textContent()).resolves.not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);

    // The attendee list counts the check-in.
    await desk.goto(`${rt.url}/?lang=pt#/attendees?session=178`);
    await desk.locator('#attendees').getByText(code).waitFor();
    expect(Number(await desk.locator('[data-count="online.checkedIn"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(await seriousViolations(desk)).toEqual([]);
    await context.close();
  });

  it('opens the manage link from the email and cancels, in English', async () => {
    const created = await rt.call('POST', '/api/sessions/178/registrations', {
      body: { name: 'Sam Cancel', email: `sam.${Date.now().toString(36)}@example.org`, country: 'JM', attendance: 'online', language: 'en', consentToPublish: false },
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('token');
    const token = await emailedToken(rt, created.body.id);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${rt.url}/?lang=en#/registration?id=${created.body.id}&token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Your registration' }).waitFor();
    await expect(page.locator('#reg-status').textContent()).resolves.toBe('Confirmed');
    await page.getByRole('button', { name: 'Cancel my registration' }).click();
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await page.locator('#cancel-status').getByText('Your registration has been cancelled.').waitFor();
    await expect(page.locator('#reg-status').textContent()).resolves.toBe('Cancelled');
    expect(await seriousViolations(page)).toEqual([]);
    // A link with a wrong token shows no registration.
    await page.goto(`${rt.url}/?lang=en#/registration?id=${created.body.id}&token=wrong`);
    await page.getByText('The link to this registration is not valid.').waitFor();
    await expect(page.locator('#reg-code').count()).resolves.toBe(0);
    await page.close();
  });
});
