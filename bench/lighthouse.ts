// Lighthouse scores (performance, accessibility, best practices, SEO) of the main pages
// at phone (390 px) and desktop (1350 px) sizes, against the local runtime (which
// compresses as CloudFront does), in Debian's Chromium. Writes bench/results/lighthouse.json
// and lighthouse.md. Performance is Lighthouse's simulated throttling (Lantern: a slow 4G
// phone, a cable desktop), so the score depends on the page, not on this busy machine's
// wall time; still a figure to read, not a test that fails.
//   npx tsx bench/lighthouse.ts        (or: npm run bench -- lighthouse)
import '../local/env';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { startLocal } from '../local/server';

export interface LighthouseRow {
  page: string;
  path: string;
  formFactor: 'phone' | 'desktop';
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  cls: number;
  lcpMs: number;
  transferKiB: number;
}

const PAGES: [string, string][] = [
  ['home', '#/'],
  ['schedule', '#/schedule?session=178'],
  ['registration', '#/register?session=178'],
  // Signed out the form page shows its window and the way to sign in (Lighthouse cannot sign in).
  ['request form', '#/hearings/new'],
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const phoneSettings = {
  formFactor: 'mobile' as const,
  screenEmulation: { mobile: true, width: 390, height: 844, deviceScaleFactor: 3, disabled: false },
};

/**
 * Publishes a timetable of the 178th (the seeded accepted requests), as the secretariat
 * would, so the schedule page has hearings to show; answers whether it worked.
 */
export async function publishSeededSchedule(url: string, session = 178): Promise<boolean> {
  const login = await fetch(`${url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'secretariat@example.org' }) });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = (path: string, body: unknown = {}) => fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  // The seeded requests are all submitted: accept six, which the proposal then places.
  const listed = (await (await fetch(`${url}/api/hearing-requests?status=submitted&sessionNumber=${session}&limit=6`, { headers })).json()) as { items?: { id: string }[] };
  for (const r of listed.items ?? []) await post(`/api/hearing-requests/${r.id}/decision`, { decision: 'accepted', reason: 'Aceptada para el Período de Sesiones.', releaseNow: true });
  if (!(await post(`/api/sessions/${session}/schedule/proposals`)).ok) return false;
  return (await post(`/api/sessions/${session}/schedule/publish`)).ok;
}

export async function runLighthouse(options: { ddbEndpoint?: string; now?: string } = {}): Promise<LighthouseRow[]> {
  // A date when the 178th's request window and registration are open and its schedule is seeded.
  const rt = await startLocal({ ddbEndpoint: options.ddbEndpoint, inMemory: true, buildFrontend: true, now: options.now ?? '2020-09-10T12:00:00Z', throttle: false, rateLimitPerMinute: 0 });
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const rows: LighthouseRow[] = [];
  try {
    // Warm the functions the pages call: a cold worker (a transpile in a thread) is this
    // runtime's cost, not the page's; Lambda keeps instances warm under traffic.
    console.log(`lighthouse: schedule of the 178th published: ${await publishSeededSchedule(rt.url)}`);
    await fetch(`${rt.url}/api/sessions`).then((r) => r.text());
    await fetch(`${rt.url}/api/sessions/178/schedule`).then((r) => r.text());
    for (const formFactor of ['phone', 'desktop'] as const) {
      for (const [page, path] of PAGES) {
        const url = `${rt.url.replace('localhost', '127.0.0.1')}/?lang=es${path}`;
        const flags = { port: chrome.port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: CATEGORIES };
        const once = () => (formFactor === 'desktop' ? lighthouse(url, flags, desktopConfig) : lighthouse(url, { ...flags, ...phoneSettings }));
        let lhr = (await once())!.lhr;
        // A run that could not measure (a page not drawn in time on this busy machine) is
        // told and run again once, not recorded as a score of 0.
        if (lhr.runtimeError) {
          console.log(`lighthouse ${formFactor} ${page}: ${lhr.runtimeError.code}, once more`);
          lhr = (await once())!.lhr;
        }
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const numeric = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
        rows.push({
          page,
          path,
          formFactor,
          performance: score('performance'),
          accessibility: score('accessibility'),
          bestPractices: score('best-practices'),
          seo: score('seo'),
          cls: Math.round(numeric('cumulative-layout-shift') * 1000) / 1000,
          lcpMs: Math.round(numeric('largest-contentful-paint')),
          transferKiB: Math.round((numeric('total-byte-weight') / 1024) * 10) / 10,
        });
        const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable');
        console.log(`lighthouse ${formFactor} ${page}: ${JSON.stringify(rows.at(-1))}${failing.length ? `\n  below 0.9: ${failing.map((a) => a.id).join(', ')}` : ''}`);
      }
    }
  } finally {
    await chrome.kill();
    await rt.stop();
  }
  return rows;
}

export function lighthouseMarkdown(rows: LighthouseRow[]): string {
  return [
    '| page | size | performance | accessibility | best practices | SEO | CLS | LCP ms | transfer KiB |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.page} | ${r.formFactor} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${r.cls} | ${r.lcpMs} | ${r.transferKiB} |`),
  ].join('\n');
}

export function writeLighthouse(rows: LighthouseRow[], dir = join(import.meta.dirname, 'results')) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'lighthouse.json'), `${JSON.stringify({ at: new Date().toISOString(), lighthouse: '12.2.3', chromium: '/usr/bin/chromium --headless=new', rows }, null, 2)}\n`);
  writeFileSync(join(dir, 'lighthouse.md'), `# Lighthouse (bench/lighthouse.ts)\n\n${lighthouseMarkdown(rows)}\n`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const rows = await runLighthouse();
  writeLighthouse(rows);
  console.log(lighthouseMarkdown(rows));
  process.exit(0);
}
