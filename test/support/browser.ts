// A real Chromium for browser tests, never downloaded at test time: CHROMIUM_PATH, else
// Debian's /usr/bin/chromium (what .ci/run installs with apt when it is missing).
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-component-update', '--no-first-run', '--disable-sync'];

// Playwright gives each wait 30 s, which a busy 2-core machine can exceed without
// anything being wrong: every page and context gets this instead, a safety net only.
const SAFETY_NET_MS = 3 * 60_000;
const patient = <T extends Page | BrowserContext>(target: T): T => {
  target.setDefaultTimeout(SAFETY_NET_MS);
  target.setDefaultNavigationTimeout(SAFETY_NET_MS);
  return target;
};

export async function launchBrowser(): Promise<Browser> {
  const browser = await launch();
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (options) => patient(await newContext(options));
  browser.newPage = async (options) => patient(await newPage(options));
  return browser;
}

async function launch(): Promise<Browser> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return chromium.launch({ executablePath: fromEnv, args: FLAGS, headless: true, timeout: SAFETY_NET_MS });
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return chromium.launch({ executablePath: path, args: FLAGS, headless: true, timeout: SAFETY_NET_MS });
  }
  throw new Error('No Chromium for the browser tests: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH.');
}
