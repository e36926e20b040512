// The hearing day in a real browser (issue 16): Colombia's delegation registers for a
// hearing concerning it; a commissioner chairs the hearing with the run-of-show timer,
// by keyboard alone; the public opens the archive afterwards. Axe on every new page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn } from '../support/browser';
import { validBody } from '../support/hearings';
import { type TestRuntime, startTestRuntime } from '../support/runtime';
import { throwawaySession } from '../support/sessions';

const NOW = '2035-05-10T12:00:00Z';
const SECRETARIAT = 'secretariat@example.org';

let rt: TestRuntime;
let browser: Browser;
beforeAll(async () => {
  rt = await startTestRuntime({ now: NOW });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

/** A Period with one public hearing about Colombia (with a confidential witness) and one private one, both scheduled. */
async function setUp() {
  const number = await throwawaySession(rt, {
    startDate: '2035-12-01',
    endDate: '2035-12-10',
    requestWindow: { opensAt: '2035-05-01T00:00:00Z', closesAt: '2035-06-01T03:59:59Z' },
    registration: { opensAt: '2035-11-01T00:00:00Z', closesAt: '2035-12-10T00:00:00Z', capacity: { in_person: 0, online: 100 } },
    hearingDays: ['2035-12-04'],
    rooms: ['Sala virtual 1'],
    workingHours: { start: '09:00', end: '12:00' },
  });
  const ids: Record<string, string> = {};
  for (const [key, over] of Object.entries({
    open: { title: 'Defensoras en Colombia', states: ['CO'] },
    closed: { title: 'Caso confidencial', states: ['CO'], private: true, privateReason: 'Riesgo' },
  })) {
    const res = await rt.call('POST', '/api/hearing-requests', {
      as: 'applicant1@example.org',
      // A thematic hearing: no matter number.
      body: validBody(number, { kind: 'thematic', matter: undefined, language: 'es', ...over }),
    });
    if (res.status !== 201) throw new Error(res.text);
    ids[key] = res.body.id;
    await rt.call('POST', `/api/hearing-requests/${res.body.id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Admisible', releaseNow: true } });
  }
  await rt.call('POST', `/api/sessions/${number}/schedule/proposals`, { as: SECRETARIAT });
  const published = await rt.call('POST', `/api/sessions/${number}/schedule/publish`, { as: SECRETARIAT });
  if (published.status !== 200) throw new Error(published.text);
  return { number, ...ids } as { number: number; open: string; closed: string };
}

describe('the hearing day in the browser', () => {
  it("the State registers its delegation, the chair runs the timer by keyboard, the public opens the archive", async () => {
    const { number, open, closed } = await setUp();

    // The secretariat gives the joining details and a translated title on its page.
    const sec = await browser.newPage();
    await signIn(sec, rt.url, SECRETARIAT, { lang: 'en' });
    await sec.goto(`${rt.url}/?lang=en#/hearing-admin?id=${open}`);
    await sec.getByRole('heading', { level: 1, name: 'Defensoras en Colombia' }).waitFor();
    await sec.getByLabel('Video link').fill('https://meet.example.org/cidh-1');
    await sec.getByLabel('Passcode').fill('482913');
    await sec.getByLabel('Interpretation channel: English').fill('Channel 2');
    await sec.getByLabel('Security guidelines (link)').fill('https://www.example.org/security');
    await sec.getByRole('form', { name: 'How to join (for the parties)' }).getByRole('button', { name: 'Save' }).click();
    await sec.locator('#status-joining', { hasText: 'Saved.' }).waitFor();
    await sec.getByLabel('Title in English').fill('Women defenders in Colombia');
    await sec.getByRole('form', { name: 'Title in the four languages' }).getByRole('button', { name: 'Save' }).click();
    await sec.locator('#status-titles', { hasText: 'Saved.' }).waitFor();
    expect(await seriousViolations(sec)).toEqual([]);
    const joined = await rt.call('GET', `/api/hearings/${open}/joining`, { as: 'state.co@example.org' });
    expect(joined.body).toMatchObject({ videoLink: 'https://meet.example.org/cidh-1', passcode: '482913', interpretation: [{ language: 'en', channel: 'Channel 2' }] });
    await sec.close();

    // Colombia's delegation: both hearings concerning it, the witness without a name.
    const state = await browser.newPage();
    await signIn(state, rt.url, 'state.co@example.org', { lang: 'en', returnTo: '/?lang=en#/state' });
    await state.goto(`${rt.url}/?lang=en#/state`);
    await state.getByRole('heading', { level: 1, name: "My State's hearings" }).waitFor();
    const card = state.locator(`section[data-request="${open}"]`);
    await card.waitFor();
    expect(await state.locator(`section[data-request="${closed}"]`).count()).toBe(1);
    expect(await state.getByText('Testigo Reservado').count()).toBe(0);
    await card.getByText('Confidential participant (Witness)').waitFor();
    expect(await seriousViolations(state)).toEqual([]);
    await card.getByLabel('Name').fill('Embajadora Uno');
    await card.getByRole('button', { name: 'Add a person' }).click();
    await card.getByRole('group', { name: 'Person 2' }).getByLabel('Name').fill('Asesor Dos');
    await card.getByRole('group', { name: 'Person 2' }).getByLabel('Role').selectOption('adviser');
    await card.getByRole('button', { name: 'Save the delegation' }).click();
    await card.getByText('Delegation saved: 2 people.').waitFor();
    const stored = (await rt.call('GET', '/api/state/hearings', { as: 'state.co@example.org' })).body.items.find((x: { id: string }) => x.id === open);
    expect(stored.delegation.members).toEqual([
      { name: 'Embajadora Uno', role: 'head' },
      { name: 'Asesor Dos', role: 'adviser' },
    ]);
    await state.close();

    // The chair: a commissioner (not Colombian) runs the timer with the keyboard alone.
    const chair = await browser.newPage();
    await signIn(chair, rt.url, 'commissioner.cl@example.org', { lang: 'en' });
    await chair.goto(`${rt.url}/?lang=en#/run-of-show?id=${open}`);
    await chair.getByRole('heading', { level: 1, name: 'Defensoras en Colombia' }).waitFor();
    await chair.getByText('Equal time for the parties: 20 min for the petitioners and 20 min for the State (IACHR rule: 20 min each in a country hearing).').waitFor();
    await expect(chair.locator('#show-speaker').textContent()).resolves.toBe('Speaking now: Petitioners');
    await expect(chair.locator('#show-time').textContent()).resolves.toBe('20:00');
    expect(await seriousViolations(chair)).toEqual([]);
    await chair.locator('body').press('Space');
    await chair.locator('#show-toggle', { hasText: 'Pause' }).waitFor();
    await chair.waitForFunction(() => document.querySelector('#show-time')?.textContent !== '20:00');
    await chair.locator('body').press('Space'); // pause
    await chair.locator('#show-toggle', { hasText: 'Start' }).waitFor();
    await chair.locator('body').press('ArrowRight');
    await expect(chair.locator('#show-speaker').textContent()).resolves.toBe('Speaking now: State');
    await expect(chair.locator('#show-time').textContent()).resolves.toBe('20:00');
    await chair.getByText('Turn 2 of 3: State, 20 min.').waitFor();
    await expect(chair.locator('#show-order li[aria-current="step"]').textContent()).resolves.toContain('State');
    await chair.locator('body').press('ArrowLeft');
    await expect(chair.locator('#show-speaker').textContent()).resolves.toBe('Speaking now: Petitioners');
    await chair.locator('body').press('f'); // full screen: headless Chromium grants it
    await chair.waitForFunction(() => document.fullscreenElement?.id === 'run-of-show');
    await chair.locator('body').press('f');
    await chair.waitForFunction(() => document.fullscreenElement === null);
    await chair.close();

    // After the hearing: the secretariat keeps the record; the public reads the archive.
    await rt.setNow('2035-12-05T12:00:00Z');
    try {
      const summary = { es: 'La Comisión escuchó a las partes.', en: 'The Commission heard the parties.', pt: 'A Comissão ouviu as partes.', fr: 'La Commission a entendu les parties.' };
      expect((await rt.call('PUT', `/api/hearings/${open}/record`, { as: SECRETARIAT, body: { recordingUrl: 'https://video.example.org/cidh/1', summary } })).status).toBe(200);
      expect((await rt.call('PUT', `/api/hearings/${closed}/record`, { as: SECRETARIAT, body: { summary } })).status).toBe(200);
    } finally {
      await rt.setNow(NOW);
    }
    const pub = await browser.newPage();
    await pub.goto(`${rt.url}/?lang=en#/archive?session=${number}`);
    await pub.getByRole('heading', { level: 1, name: 'Hearings archive' }).waitFor();
    // In English, the title the secretariat translated; the original in the other languages' line.
    await pub.getByRole('heading', { level: 2, name: 'Women defenders in Colombia' }).waitFor();
    await pub.getByText('The Commission heard the parties.').waitFor();
    expect(await pub.locator('article.archived').count()).toBe(1);
    expect(await pub.getByText('Caso confidencial').count()).toBe(0);
    expect(await pub.getByText('Testigo Reservado').count()).toBe(0);
    expect(await pub.getByRole('link', { name: 'Watch the recording: Women defenders in Colombia' }).getAttribute('href')).toBe('https://video.example.org/cidh/1');
    expect(await pub.locator('#archive-feed').getAttribute('href')).toBe(`/api/sessions/${number}/archive.atom`);
    expect(await seriousViolations(pub)).toEqual([]);
    await pub.close();
  });
});
