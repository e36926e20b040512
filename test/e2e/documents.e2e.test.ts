// Attaching a supporting document in a real Chromium (issue 15): the applicant picks a
// file on the request's documents page, the browser PUTs it straight to the local S3
// (cross-origin: CORS and the site's connect-src must allow it), the check marks it
// available, and the secretariat sees it listed; the owner removes it again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn as signInAs } from '../support/browser';
import { APPLICANT, SECRETARIAT, freshSession, validBody } from '../support/hearings';
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
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, rt.url, email, { lang });
  return page;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('supporting documents in the browser', () => {
  it('attaches a PDF from the request page, sees it checked and available, and the secretariat sees it too', async () => {
    const session = await freshSession(rt, { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' });
    const created = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const applicant = await signIn(APPLICANT);
    await applicant.goto(`${rt.url}/?lang=es#/hearings/mine`);
    await applicant.locator(`section[data-id="${id}"]`).getByRole('link', { name: /Documentos/ }).click();
    await applicant.getByRole('heading', { level: 1, name: 'Documentos de apoyo' }).waitFor();
    await applicant.getByText('Sin documentos.').waitFor();
    await applicant.getByLabel('Archivo').setInputFiles({ name: 'Informe pericial.pdf', mimeType: 'application/pdf', buffer: PDF });
    await applicant.getByRole('button', { name: 'Adjuntar' }).click();
    const item = applicant.locator('li[data-status="available"]');
    await item.waitFor({ timeout: 30_000 });
    await expect(item.textContent()).resolves.toContain('Informe pericial.pdf');
    await expect(item.textContent()).resolves.toContain('Disponible');
    expect(await seriousViolations(applicant)).toEqual([]);

    const secretariat = await signIn(SECRETARIAT);
    await secretariat.goto(`${rt.url}/?lang=es#/hearings/documents?id=${id}`);
    await secretariat.locator('li[data-status="available"]').waitFor();
    await expect(secretariat.getByRole('button', { name: /Descargar/ }).count()).resolves.toBe(1);
    // Only the owner attaches.
    await expect(secretariat.getByLabel('Archivo').count()).resolves.toBe(0);
    await expect(secretariat.getByRole('button', { name: /Retirar/ }).count()).resolves.toBe(0);

    // The owner takes it back: asked first (the dialog starts on Cancel), then its place is free.
    await applicant.getByRole('button', { name: 'Retirar — Informe pericial.pdf' }).click();
    const dialog = applicant.getByRole('dialog', { name: '¿Retirar este documento?' });
    await dialog.waitFor();
    expect(await seriousViolations(applicant)).toEqual([]);
    await dialog.getByRole('button', { name: 'Retirar' }).click();
    await applicant.getByText('Sin documentos.').waitFor();
    const listed = await rt.call('GET', `/api/hearing-requests/${id}/documents`, { as: APPLICANT });
    expect(listed.body.items).toEqual([]);
  });
});
