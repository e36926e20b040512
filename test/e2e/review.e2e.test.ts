// Issue 15 in a real Chromium: the applicant answers the secretariat's question on "My
// requests"; the secretariat reviews one request (assignment, score, a shared note) and
// edits a notice text, seeing an unknown placeholder refused beside its field.
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

async function signIn(email: string, lang: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, rt.url, email, { lang });
  return page;
}

describe('reviewing requests in the browser', () => {
  it('lets the applicant answer a question; the request is submitted again', async () => {
    const session = await freshSession(rt, { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' });
    const { body: request } = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session, { language: 'en' }) });
    await rt.call('POST', `/api/hearing-requests/${request.id}/questions`, { as: SECRETARIAT, body: { question: 'Will the State attend?' } });
    const page = await signIn(APPLICANT, 'en');
    await page.goto(`${rt.url}/?lang=en#/hearings/mine`);
    const card = page.locator(`section[data-id="${request.id}"]`);
    await card.locator('.question').getByText('Will the State attend?').waitFor();
    await expect(card.locator('dd [data-status]').textContent()).resolves.toBe('Information requested');
    await card.getByRole('button', { name: 'Send the answer' }).click();
    // An empty answer is refused beside its field, in the page's language.
    await card.locator(`[id="err-answer-${request.id}"]`).waitFor();
    await card.getByLabel('Your answer').fill('Yes, the Foreign Ministry confirmed.');
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Send the answer' }).click();
    await card.getByText('Answer sent: the request is under review again.').waitFor();
    await expect(card.locator('dd [data-status]').textContent()).resolves.toBe('Submitted');
    const stored = (await rt.call('GET', `/api/hearing-requests/${request.id}`, { as: SECRETARIAT })).body;
    expect(stored.questions[0].answer).toBe('Yes, the Foreign Ministry confirmed.');
  });

  it('assigns, scores and notes a request, and refuses an unknown placeholder in a notice text', async () => {
    const session = await freshSession(rt, { opensAt: '2031-05-01T00:00:00Z', closesAt: '2031-06-01T03:59:59Z' });
    const { body: request } = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(session) });
    const page = await signIn(SECRETARIAT, 'en');
    await page.goto(`${rt.url}/?lang=en#/hearings/review/request?id=${request.id}`);
    await page.getByRole('heading', { level: 2, name: request.title }).waitFor();
    await page.getByLabel('Assign to', { exact: true }).fill('defenders');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.locator('dd', { hasText: 'defenders' }).waitFor();
    await page.getByLabel('Your score (1 to 5)').selectOption('4');
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    await page.getByText('Average 4 (1 score)').waitFor();
    await page.getByLabel('Note (never shown to the applicant)').fill('Strong regional interest.');
    await page.getByLabel('Share with the commissioners').check();
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.locator('.notes li', { hasText: 'Strong regional interest.' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${rt.url}/?lang=en#/hearings/templates?kind=hearing.rejected&lang=en`);
    const text = page.getByLabel('Text', { exact: true });
    await expect(text.inputValue()).resolves.toContain('{reason}');
    await text.fill('Dear {nmae}, your request was not accepted.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('[id="err-text"]', { hasText: 'There is no placeholder {nmae} in this notice.' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing was saved.
    const stored = (await rt.call('GET', '/api/notice-templates', { as: SECRETARIAT })).body.items.find((t: { kind: string; lang: string }) => t.kind === 'hearing.rejected' && t.lang === 'en');
    expect(stored.custom).toBe(false);
  });
});
