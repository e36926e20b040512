// The secretariat proposes, moves and publishes in the timetable page; the public then
// sees the schedule, filters it, and finds the calendar link. Real Chromium, axe.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn as signInAs } from '../support/browser';
import { type TestRuntime, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

let rt: TestRuntime;
let browser: Browser;
beforeAll(async () => {
  rt = await startTestRuntime({ now: '2033-05-10T12:00:00Z' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

const SECRETARIAT = 'secretariat@example.org';

async function setUp() {
  const number = await throwawaySession(
    rt,
    {
      startDate: '2033-12-01',
      endDate: '2033-12-10',
      requestWindow: { opensAt: '2033-05-01T00:00:00Z', closesAt: '2033-06-01T03:59:59Z' },
      registration: { opensAt: '2033-11-01T00:00:00Z', closesAt: '2033-12-10T00:00:00Z', capacity: { in_person: 0, online: 100 } },
      hearingDays: ['2033-12-05'],
      rooms: ['Sala virtual 1', 'Sala virtual 2'],
      workingHours: { start: '09:00', end: '12:00' },
    },
  );
  const titles: Record<string, string> = { CO: 'Defensoras en Colombia', BR: 'Pueblos indígenas en Brasil', NI: 'Caso confidencial' };
  for (const state of ['CO', 'BR', 'NI']) {
    const res = await rt.call('POST', '/api/hearing-requests', {
      as: 'applicant1@example.org',
      body: {
        sessionNumber: number,
        kind: state === 'BR' ? 'thematic' : 'case',
        ...(state === 'BR' ? {} : { matter: { type: 'case', number: '12.345' } }),
        states: [state],
        title: titles[state],
        objective: 'Informar a la Comisión.',
        basis: 'Hechos recientes.',
        participants: [{ name: 'Ana Pérez', role: 'representative', confidential: false }],
        languages: ['es'],
        private: state === 'NI',
        ...(state === 'NI' ? { privateReason: 'Riesgo' } : {}),
        contact: { name: 'Ana Pérez', email: 'ana@example.org' },
        language: 'es',
      },
    });
    if (res.status !== 201) throw new Error(res.text);
    await rt.call('POST', `/api/hearing-requests/${res.body.id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Admisible', releaseNow: true } });
  }
  return number;
}

describe('schedule pages', () => {
  it('proposes, refuses a clash in words, moves, publishes; the public sees it in English and filters by State', async () => {
    const number = await setUp();
    const page = await browser.newPage();
    await signInAs(page, rt.url, 'secretariat@example.org', { lang: 'en' });
    await page.getByText('Signed in as Executive Secretariat').waitFor();
    await page.goto(`${rt.url}/?lang=en#/timetable?session=${number}`);
    await page.getByRole('heading', { level: 1, name: 'Timetable' }).waitFor();
    // The proposal takes seconds: the page says it is working (recorded whatever its speed).
    await page.evaluate(() => {
      const w = window as unknown as { sawBusy: boolean };
      w.sawBusy = false;
      new MutationObserver(() => {
        if (document.querySelector('#timetable[aria-busy="true"]') && document.querySelector('#propose:disabled')) w.sawBusy = true;
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    await page.getByRole('button', { name: 'Propose a timetable' }).click();
    await page.getByText('Proposal ready: 3 hearings placed, 0 left out.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { sawBusy: boolean }).sawBusy)).toBe(true);
    expect(await page.locator('td.hearing').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);

    // Put Colombia's hearing where Brazil's is: the room is taken, said in words next to the field.
    const brCell = page.locator('td.hearing', { hasText: 'Pueblos indígenas en Brasil' });
    await brCell.waitFor();
    const draft = (await rt.call('GET', `/api/sessions/${number}/schedule/draft`, { as: SECRETARIAT })).body;
    const br = draft.hearings.find((x: { title: string }) => x.title === 'Pueblos indígenas en Brasil');
    const co = draft.hearings.find((x: { title: string }) => x.title === 'Defensoras en Colombia');
    await page.getByLabel('Hearing', { exact: true }).selectOption(co.requestId);
    await page.getByLabel('Day and time').selectOption(br.start);
    await page.getByLabel('Room', { exact: true }).selectOption(br.room);
    // Said before moving, then refused by the server if moved all the same.
    await page.locator('#move-preview.clash', { hasText: 'is already taken by “Pueblos indígenas en Brasil”' }).waitFor();
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.locator('#move-room-error', { hasText: 'is already taken by “Pueblos indígenas en Brasil”' }).waitFor();

    // Choosing Colombia's hearing to move marks every cell: Brazil's says the clash in words.
    await page.getByRole('button', { name: 'Move “Defensoras en Colombia”' }).click();
    await expect(page.locator(`td.clash[data-request="${br.requestId}"]`).getAttribute('title')).resolves.toContain('is already taken by “Pueblos indígenas en Brasil”');

    // A free cell: the last slot in the room Colombia is not in, or the other room.
    const taken = new Set(draft.hearings.map((x: { start: string; room: string }) => `${x.start}|${x.room}`));
    const free = draft.grid.starts[0].flatMap((start: string) => draft.grid.rooms.map((room: string) => ({ start, room }))).find((c: { start: string; room: string }) => !taken.has(`${c.start}|${c.room}`));
    // Dragged there with the mouse.
    await page.locator(`td.hearing[data-request="${co.requestId}"]`).dragTo(page.locator(`td[data-start="${free.start}"][data-room="${free.room}"]`));
    await page.getByText('Hearing moved.').waitFor();
    await page.locator(`td.hearing[data-request="${co.requestId}"][data-start="${free.start}"][data-room="${free.room}"]`).waitFor();
    // Publishing asks first; publishing again with nothing changed makes no new version.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, publish' }).click();
    await page.getByText('Version 1 published.').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog').getByText('Publish version 2?').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, publish' }).click();
    await page.getByText('Nothing changed since version 1: no new version was published.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const pub = await browser.newPage();
    await pub.goto(`${rt.url}/?lang=en#/schedule?session=${number}`);
    await pub.getByRole('heading', { level: 1, name: 'Hearing schedule' }).waitFor();
    await pub.locator('tr[data-request]').first().waitFor();
    expect(await pub.locator('tr[data-request]').count()).toBe(3);
    await expect(pub.locator('tr.private .hearing-title').textContent()).resolves.toBe('Private hearing');
    expect(await pub.getByText('Caso confidencial').count()).toBe(0);
    expect(await pub.locator('#ics').getAttribute('href')).toBe(`/api/sessions/${number}/schedule.ics`);
    await pub.getByLabel('State').selectOption('CO');
    await pub.locator('tr[data-request]', { hasText: 'Defensoras en Colombia' }).waitFor();
    expect(await pub.locator('tr[data-request]').count()).toBe(1);
    expect(await seriousViolations(pub)).toEqual([]);
    await pub.goto(`${rt.url}/?lang=fr#/schedule?session=${number}`);
    await pub.getByRole('heading', { level: 1, name: 'Calendrier des audiences' }).waitFor();
    await pub.getByText('Ajouter au calendrier (iCal)').waitFor();
    await page.close();
    await pub.close();
  });
});
