// A real Chromium for browser tests, never downloaded at test time: CHROMIUM_PATH, else
// Debian's /usr/bin/chromium (what .ci/run installs with apt when it is missing).
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return chromium.launch({ executablePath: fromEnv, args: FLAGS, headless: true });
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return chromium.launch({ executablePath: path, args: FLAGS, headless: true });
  }
  throw new Error('No Chromium for the browser tests: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH.');
}
