// Screenshots of the main pages at phone (390 px) and desktop (1280 px) widths, for the
// README: starts the local runtime in memory on a simulated date, signs in as the seeded
// users where a page needs it, and writes docs/screenshots/<page>-<width>.png.
//   npx tsx scripts/screenshots.ts
import '../local/env';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, signIn } from '../test/support/browser';
import { startLocal } from '../local/server';
import { publishSeededSchedule } from '../bench/lighthouse';

const OUT = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const SHOTS: { name: string; path: string; as?: string }[] = [
  { name: 'home', path: '' },
  { name: 'schedule', path: 'schedule?session=178' },
  { name: 'register', path: 'register?session=178' },
  { name: 'request-form', path: 'hearings/new', as: 'applicant1@example.org' },
  { name: 'review', path: 'hearings/review', as: 'secretariat@example.org' },
  { name: 'evote', path: 'evote', as: 'commissioner.mx@example.org' },
];

mkdirSync(OUT, { recursive: true });
const rt = await startLocal({ inMemory: true, buildFrontend: true, now: '2020-09-10T12:00:00Z', rateLimitPerMinute: 0 });
await publishSeededSchedule(rt.url);
const browser = await launchBrowser();
try {
  const contexts = new Map<string, Awaited<ReturnType<typeof browser.newContext>>>();
  for (const shot of SHOTS) {
    const key = shot.as ?? 'public';
    if (!contexts.has(key)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-419', timezoneId: 'America/Bogota' });
      if (shot.as) {
        const page = await context.newPage();
        await signIn(page, rt.url, shot.as, { lang: 'es' });
        await page.close();
      }
      contexts.set(key, context);
    }
    for (const width of [390, 1280]) {
      const page = await contexts.get(key)!.newPage();
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      await page.goto(`${rt.url}/?lang=es#/${shot.path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('main[aria-busy]'));
      const file = join(OUT, `${shot.name}-${width}.png`);
      await page.screenshot({ path: file });
      console.log(`screenshot ${file}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await rt.stop();
}
process.exit(0);
