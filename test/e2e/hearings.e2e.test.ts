// The hearing request flow in a real Chromium: an applicant submits in Spanish (after
// seeing the field errors beside the fields), the secretariat accepts through
// the decision dialog, releases the Period's decisions after reading the message, the
// applicant sees "Aceptada", and the notice is in the outbox.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn as signInAs } from '../support/browser';
import { APPLICANT, SECRETARIAT, freshSession } from '../support/hearings';
import { waitForMail } from '../support/outbox';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

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

async function signIn(email: string, lang = 'es'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, rt.url, email, { lang });
  return page;
}

describe('hearing requests in the browser', () => {
  it('runs submit (es) → accept → applicant sees accepted → notice in the outbox', async () => {
    const session = await freshSession(rt, { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' });
    const title = `Consulta previa en la Amazonía ${Date.now()}`;

    const applicant = await signIn(APPLICANT);
    await applicant.goto(`${rt.url}/?lang=es#/hearings/new?session=${session}`);
    await applicant.getByRole('heading', { level: 1, name: 'Solicitar una audiencia' }).waitFor();
    await applicant.getByLabel('Tipo de audiencia *').selectOption('case');
    const states = applicant.getByRole('combobox', { name: 'Estado(s) concernido(s) *' });
    for (const name of ['Colombia', 'Perú']) {
      await states.fill(name.slice(0, 4));
      await applicant.getByRole('listbox').getByRole('option', { name }).click();
    }
    await applicant.getByLabel('Tipo de asunto').selectOption('case');
    await applicant.getByLabel('Número del asunto').fill('13.752');
    await applicant.getByLabel('Título *').fill(title);
    await applicant.getByRole('button', { name: 'Siguiente' }).click();
    const objective = applicant.getByLabel('Objetivo (máx. 25 palabras) *');
    await objective.fill(Array(26).fill('palabra').join(' '));
    await expect(applicant.locator('#count-objective').textContent()).resolves.toBe('26 de 25 palabras');
    await applicant.getByLabel('Fundamento (máx. 75 palabras) *').fill('Las comunidades no fueron consultadas antes de la concesión.');
    await applicant.getByRole('button', { name: 'Siguiente' }).click();
    await applicant.getByLabel('Nombre del participante 1').fill('Ana Pérez');
    await applicant.getByRole('button', { name: 'Añadir participante' }).click();
    await applicant.getByLabel('Nombre del participante 2').fill('Testigo Reservado');
    await applicant.getByLabel('Función del participante 2').selectOption('witness');
    await applicant.getByLabel('Participante 2 confidencial (su nombre no se publica)').check();
    await applicant.getByRole('button', { name: 'Siguiente' }).click();
    await applicant.getByLabel('Nombre de contacto *').fill('Ana Pérez');
    await applicant.getByLabel('Correo electrónico de contacto *').fill('ana.e2e@example.org');
    await applicant.getByRole('button', { name: 'Enviar la solicitud' }).click();

    // The broken rule is in the summary, whose link leads to the objective, with the error beside it.
    await applicant.locator('#form-summary').getByRole('link', { name: /^Objetivo/ }).click();
    const error = applicant.locator('[id="err-objective"]');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe('Use como máximo 25 palabras; ahora tiene 26.');
    await expect(objective.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(objective.getAttribute('aria-describedby')).resolves.toContain('err-objective');
    expect(await seriousViolations(applicant)).toEqual([]);

    await objective.fill('Informar a la Comisión sobre la falta de consulta previa.');
    await applicant.getByRole('button', { name: 'Enviar la solicitud' }).click();
    const done = applicant.locator('p.done');
    await done.waitFor();
    const id = (await done.getAttribute('data-id'))!;
    // The page gives a short reference people can read out (the request's last six characters), never the 26.
    expect(await done.textContent()).toContain(`${id.slice(-6, -3)}-${id.slice(-3)}`);
    expect(await done.textContent()).not.toContain(id);

    const secretariat = await signIn(SECRETARIAT);
    await secretariat.goto(`${rt.url}/?lang=es#/hearings/review?session=${session}`);
    const row = secretariat.locator(`tr[data-id="${id}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Presentada');
    expect(await seriousViolations(secretariat)).toEqual([]);
    await row.getByRole('button', { name: `Decidir sobre «${title}»` }).click();
    const dialog = secretariat.getByRole('dialog');
    await dialog.getByLabel('Aceptar').check();
    await dialog.getByRole('button', { name: 'Revisar la decisión' }).click();
    // A reason is required before anything is sent.
    await expect(dialog.locator('[id="err-reason"]').textContent()).resolves.toBe('Indique el motivo.');
    await dialog.getByLabel('Motivo (se comunica a la organización) *').fill('Cumple los requisitos.');
    expect(await seriousViolations(secretariat)).toEqual([]);
    await dialog.getByRole('button', { name: 'Revisar la decisión' }).click();
    await dialog.getByRole('button', { name: 'Confirmar la decisión' }).click();
    await secretariat.locator(`tr[data-id="${id}"] [data-status="accepted"]`).waitFor();

    // Held until the Period's decisions are released: the applicant still sees it submitted.
    expect((await rt.call('GET', `/api/hearing-requests/${id}`, { as: APPLICANT })).body.status).toBe('submitted');
    await secretariat.goto(`${rt.url}/?lang=es#/hearings/decisions?session=${session}`);
    const held = secretariat.locator(`.held-list li[data-id="${id}"]`);
    await held.waitFor();
    await held.getByText('Mensaje (Español)').click();
    await expect(held.locator('pre.mail').textContent()).resolves.toContain('Cumple los requisitos.');
    expect(await seriousViolations(secretariat)).toEqual([]);
    await secretariat.getByRole('button', { name: 'Comunicar la decisión' }).click();
    await secretariat.getByRole('dialog').getByRole('button', { name: 'Sí, comunicar' }).click();
    await secretariat.getByText('1 decisión comunicada.').waitFor();

    await applicant.goto(`${rt.url}/?lang=es#/hearings/mine`);
    const card = applicant.locator(`section[data-id="${id}"]`);
    await card.waitFor();
    await expect(card.locator('dd [data-status]').textContent()).resolves.toBe('Aceptada');
    await card.getByText('Historial').click();
    await expect(card.locator('.history li').nth(1).textContent()).resolves.toContain('Cumple los requisitos.');
    expect(await seriousViolations(applicant)).toEqual([]);

    const notice = await waitForMail(rt, 'the acceptance notice', (m) => m.subject.includes(id) && m.subject.includes('aceptada'));
    expect(notice).toMatchObject({ subject: `Su solicitud de audiencia fue aceptada — ${id}`, language: 'es', to: 'ana.e2e@example.org' });
  });

  it('shows a clear "window closed" state, in each language', async () => {
    const page = await signIn(APPLICANT, 'en');
    await page.goto(`${rt.url}/?lang=en#/hearings/new?session=178`);
    const closed = page.locator('.closed-state');
    await closed.waitFor();
    await expect(closed.textContent()).resolves.toContain('Window closed');
    await expect(closed.textContent()).resolves.toContain('Requests for the 178th Period of Sessions closed on September 23, 2020');
    await expect(page.locator('form').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${rt.url}/?lang=fr#/hearings/new?session=178`);
    await page.reload();
    await expect(page.locator('.closed-state').textContent()).resolves.toContain('Délai clos');
  });

  it('lets the applicant change a submitted request, then withdraw it after confirming', async () => {
    const session = await freshSession(rt, { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' });
    const { validBody } = await import('../support/hearings');
    const created = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session) });
    const page = await signIn(APPLICANT, 'pt');
    await page.goto(`${rt.url}/?lang=pt#/hearings/mine`);
    let card = page.locator(`section[data-id="${created.body.id}"]`);
    await card.getByRole('link', { name: `Alterar — ${created.body.title}` }).click();
    const title = page.getByLabel('Título *');
    await page.getByRole('heading', { level: 1, name: 'Alterar o pedido' }).waitFor();
    await expect(title.inputValue()).resolves.toBe(created.body.title);
    await expect(page.getByLabel('Nome do participante 2').inputValue()).resolves.toBe('Testigo Reservado');
    await title.fill('Título alterado no navegador');
    await page.getByRole('button', { name: 'Salvar as alterações' }).click();
    await page.locator('p.done').waitFor();
    const stored = await rt.call('GET', `/api/hearing-requests/${created.body.id}`, { as: APPLICANT });
    expect(stored.body).toMatchObject({ title: 'Título alterado no navegador', participants: created.body.participants });
    await page.goto(`${rt.url}/?lang=pt#/hearings/mine`);
    card = page.locator(`section[data-id="${created.body.id}"]`);
    await expect(card.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Título alterado no navegador');
    await card.getByRole('button', { name: 'Retirar o pedido' }).click();
    await card.getByRole('button', { name: 'Confirmar a retirada' }).click();
    await card.locator('dd [data-status="withdrawn"]').waitFor();
    expect((await rt.call('GET', `/api/hearing-requests/${created.body.id}`, { as: APPLICANT })).body.status).toBe('withdrawn');
  });
});
