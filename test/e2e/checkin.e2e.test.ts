// The door in a real Chromium (issue 14): a QR shown to the camera checks a person in (the
// camera is Chromium's fake capture device playing a video of the QR, decoded by jsQR:
// headless Linux Chromium has no BarcodeDetector, so the fallback is what runs), a name
// search without accents finds and checks in another, and a check-in made offline waits
// on the device and is sent once when the connection returns, never twice.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { create } from 'qrcode/lib/core/qrcode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchBrowser, signIn } from '../support/browser';
import { verifyByEmail } from '../support/registrations';
import { type TestRuntime, startTestRuntime } from '../support/runtime';

const W = 640;
const H = 480;

/** A Y4M video (what Chromium's fake camera plays) of the QR code of `text`, black on white. */
function qrVideo(text: string): Buffer {
  const { modules } = create(text, { errorCorrectionLevel: 'M' }) as { modules: { size: number; data: Uint8Array } };
  const scale = 8;
  const side = (modules.size + 8) * scale; // a quiet zone of 4 modules each side
  const y = Buffer.alloc(W * H, 235);
  const left = (W - side) / 2;
  const top = (H - side) / 2;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.data[row * modules.size + col]) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(16, (top + (row + 4) * scale + dy) * W + left + (col + 4) * scale, (top + (row + 4) * scale + dy) * W + left + (col + 5) * scale);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array(5).fill(frame)]);
}

let rt: TestRuntime;
let browser: Browser;
let dir: string;
const people: { name: string; code: string }[] = [];

beforeAll(async () => {
  rt = await startTestRuntime({ now: '2020-11-25T15:00:00Z' });
  await rt.setNow('2020-11-25T15:00:00Z');
  const tag = Date.now().toString(36);
  for (const name of [`Scan Person ${tag}`, `José Núñez ${tag}`, `Offline Person ${tag}`]) {
    const created = await rt.call('POST', '/api/sessions/178/registrations', {
      body: { name, email: `${name.replace(/\W/g, '').toLowerCase()}@example.org`, country: 'CO', attendance: 'online', language: 'en', consentToPublish: false },
    });
    expect(created.status, created.text).toBe(201);
    await verifyByEmail(rt, created.body.id);
    people.push({ name, code: created.body.confirmationCode });
  }
  dir = mkdtempSync(join(tmpdir(), 'docket-camera-'));
  const video = join(dir, 'qr.y4m');
  writeFileSync(video, qrVideo(people[0].code));
  browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const checkedIn = async (code: string) => {
  let cursor: string | undefined;
  do {
    const page = await rt.call('GET', `/api/sessions/178/registrations?limit=2000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: 'secretariat@example.org' });
    const found = page.body.items.find((r: { confirmationCode: string }) => r.confirmationCode === code);
    if (found) return found.checkedInAt as string | undefined;
    cursor = page.body.nextCursor;
  } while (cursor);
  return undefined;
};

describe('check-in at the door', () => {
  it('scans a QR with the camera, finds a name without accents, and syncs an offline check-in once', async () => {
    const context = await browser.newContext({ permissions: ['camera'] });
    const desk = await context.newPage();
    await signIn(desk, rt.url, 'secretariat@example.org', { lang: 'en' });
    await desk.goto(`${rt.url}/?lang=en#/checkin?session=178`);
    await desk.locator('#roster-status').getByText('loaded on this device').waitFor();
    const before = await desk.locator('#live-counts').textContent();
    expect(before).toMatch(/Online: \d+ of \d+ checked in/);

    // The camera: the fake device plays the first person's QR.
    await desk.getByRole('button', { name: 'Use the camera' }).click();
    await desk.locator('#checkin-result.ok').getByText(`Checked in: ${people[0].name} (${people[0].code})`).waitFor();
    await desk.getByRole('button', { name: 'Stop the camera' }).click();
    expect(await checkedIn(people[0].code)).toBeTruthy();

    // The name, typed without its accents.
    await desk.getByLabel('Name', { exact: true }).fill(`jose nunez ${people[1].name.split(' ').at(-1)}`);
    await desk.getByRole('button', { name: `Check in ${people[1].name}` }).click();
    await desk.locator('#checkin-result.ok').getByText(`Checked in: ${people[1].name}`).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);

    // Offline: kept on the device, counted as waiting, sent when the connection returns.
    await context.setOffline(true);
    await desk.locator('#connection').getByText('Offline').waitFor();
    await desk.getByLabel('Confirmation code').fill(people[2].code);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await desk.locator('#checkin-result.queued').getByText(`${people[2].name} checked in on this device`).waitFor();
    await desk.locator('#live-counts').getByText('1 check-in waiting to be sent').waitFor();
    expect(await checkedIn(people[2].code)).toBeUndefined();
    // Scanned again while offline: the roster already has them in.
    await desk.getByLabel('Confirmation code').fill(people[2].code);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await desk.locator('#checkin-result.error').getByText(`${people[2].name} is already checked in`).waitFor();
    await context.setOffline(false);
    await desk.locator('#checkin-result.ok').getByText(`Checked in: ${people[2].name}`).waitFor();
    expect(await checkedIn(people[2].code)).toBeTruthy();
    await expect(desk.locator('#live-counts').textContent()).resolves.not.toContain('waiting');
    expect(await desk.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('docket.checkins.')).map((k) => JSON.parse(localStorage.getItem(k)!).length))).toEqual([0]);

    // Another door (a second device) trying the same person: the server refuses it.
    const other = await rt.call('POST', '/api/sessions/178/check-ins', { as: 'secretariat@example.org', body: { confirmationCode: people[2].code } });
    expect(other.status).toBe(409);
    await context.close();
  });
});
