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

/** `extraArgs`: more Chromium flags (a fake camera for the check-in scanner, say). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const browser = await launch([...FLAGS, ...extraArgs]);
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (options) => patient(await newContext(options));
  browser.newPage = async (options) => patient(await newPage(options));
  return browser;
}

async function launch(args: string[]): Promise<Browser> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return chromium.launch({ executablePath: fromEnv, args, headless: true, timeout: SAFETY_NET_MS });
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return chromium.launch({ executablePath: path, args, headless: true, timeout: SAFETY_NET_MS });
  }
  throw new Error('No Chromium for the browser tests: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH.');
}

export interface SignInTrace {
  /** The authorization request the site sent the browser to. */
  authorize: URL;
  /** The token request (code exchange) the site made on coming back. */
  token: { url: string; body: URLSearchParams };
}

/**
 * Signs in as one of the seeded users the way a person does: the site's sign-in page
 * sends the browser to the provider's authorization endpoint (code + PKCE), the
 * provider's login page takes the email, the callback exchanges the code. Ends back on
 * `returnTo` (a path on the site, default the home page) signed in.
 */
export async function signIn(page: Page, baseUrl: string, email: string, options: { lang?: string; returnTo?: string } = {}): Promise<SignInTrace> {
  const lang = options.lang ?? 'en';
  const returnTo = options.returnTo ?? `/?lang=${lang}#/`;
  const authorize = page.waitForRequest((r) => r.url().startsWith(`${baseUrl}/oidc/auth?`));
  const token = page.waitForRequest((r) => r.url() === `${baseUrl}/oidc/token` && r.method() === 'POST');
  await page.goto(`${baseUrl}/?lang=${lang}#/signin?next=${encodeURIComponent(returnTo)}`);
  const authorizeUrl = new URL((await authorize).url());
  await page.waitForURL((url) => url.pathname.startsWith('/oidc/interaction/'));
  await page.locator(`button[name="email"][value="${email}"]`).click();
  const tokenRequest = await token;
  await page.waitForURL((url) => url.pathname === '/' && !url.searchParams.has('code'));
  // Signed in: the header has its sign-out button (behind the Menu button on a phone).
  await page.locator('#signout').waitFor({ state: 'attached' });
  return { authorize: authorizeUrl, token: { url: tokenRequest.url(), body: new URLSearchParams(tokenRequest.postData() ?? '') } };
}

/** Signs out from the header; resolves once the provider has sent the browser back, signed out. */
export async function signOut(page: Page, baseUrl: string): Promise<void> {
  const endSession = page.waitForRequest((r) => r.url().startsWith(`${baseUrl}/oidc/session/end`));
  await page.locator('#signout').click();
  await endSession;
  await page.waitForURL((url) => url.origin === baseUrl && url.pathname === '/');
  await page.locator('header a[href="#/signin"]').waitFor();
}
