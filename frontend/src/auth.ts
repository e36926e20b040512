// Sign-in with OpenID Connect: the authorization code flow with PKCE (S256), run by
// oidc-client-ts, against whatever /config.json names: Cognito's managed login in AWS,
// the local provider under /oidc with `npm start`. Nothing about the pool or client is
// compiled in. The session lives in localStorage, so every tab (and a link opened from
// an email) is signed in; the library renews tokens with the refresh token while the
// provider's session lives. The API takes the ID token, as API Gateway's JWT authorizer
// checks its audience (the client id).
import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';

export interface SiteConfig {
  oidc: {
    authority: string;
    clientId: string;
    redirectUri: string;
    postLogoutRedirectUri: string;
    scope: string;
    /** Cognito has no end_session_endpoint: its /logout takes client_id and logout_uri instead. */
    logoutUrl?: string;
  };
}

export interface SignedIn {
  token: string;
  user: { email: string; name: string; groups: string[]; nationality?: string; commissionerId?: string };
}

let config: SiteConfig | undefined;
let manager: UserManager | undefined;
let current: User | null = null;
let failure: string | undefined;
const listeners: (() => void)[] = [];

export const onAuthChange = (listener: () => void) => listeners.push(listener);
const changed = () => {
  for (const listener of listeners) listener();
};

/** Why the last sign-in came back without a session (shown once), if it did. */
export function takeSignInFailure(): string | undefined {
  const value = failure;
  failure = undefined;
  return value;
}

export const authAvailable = () => !!manager;

const usable = (user: User | null): User | null => (user && !user.expired && user.id_token ? user : null);

export function signedIn(): SignedIn | undefined {
  const user = usable(current);
  if (!user) return undefined;
  const p = user.profile as Record<string, unknown>;
  const groups = Array.isArray(p['cognito:groups']) ? (p['cognito:groups'] as string[]) : [];
  const email = String(p.email ?? '');
  return {
    token: user.id_token!,
    user: {
      email,
      name: typeof p.name === 'string' && p.name ? p.name : email,
      groups,
      nationality: typeof p['custom:nationality'] === 'string' ? (p['custom:nationality'] as string) : undefined,
      commissionerId: typeof p['custom:commissionerId'] === 'string' ? (p['custom:commissionerId'] as string) : undefined,
    },
  };
}

export const hasRole = (role: string) => !!signedIn()?.user.groups.includes(role);

/** A valid ID token, renewed first when it has expired; undefined when signed out. */
export async function idToken(): Promise<string | undefined> {
  if (!manager || !current) return undefined;
  if (current.expired) {
    try {
      current = await manager.signinSilent();
    } catch {
      await manager.removeUser();
      current = null;
      changed();
    }
  }
  return usable(current)?.id_token;
}

/** Where to come back to: this page, unless it is the sign-in page itself. */
const here = () => `${location.pathname}${location.search}${location.hash}`;

export async function signIn(returnTo = here(), lang?: string): Promise<void> {
  if (!manager) throw new Error('sign-in is not configured');
  const locale = lang ?? document.documentElement.lang;
  await manager.signinRedirect({
    state: { returnTo },
    ui_locales: locale,
    // Cognito's managed login takes its language from `lang`; other providers ignore it.
    extraQueryParams: { lang: locale },
  });
}

/**
 * What the pages keep on the device that names people or a choice: the request form's copy
 * in this tab (confidential witnesses' names), the check-in roster (attendees' names) and
 * E-Vote receipts (a secret ballot's choice). On a shared computer the next person must not
 * find them, so signing out forgets them. Unsent offline check-ins (codes only) are kept:
 * they are sent when the door's device is back online.
 */
const PERSONAL_PREFIXES = ['docket.hearingForm.', 'docket.roster.', 'docket.evote.receipts'];
export function forgetPersonalData(): void {
  for (const store of [sessionStorage, localStorage]) {
    try {
      const keys = Array.from({ length: store.length }, (_, i) => store.key(i) ?? '');
      for (const key of keys) if (PERSONAL_PREFIXES.some((p) => key.startsWith(p))) store.removeItem(key);
    } catch {
      /* storage unavailable: nothing was kept */
    }
  }
}

export async function signOut(): Promise<void> {
  forgetPersonalData();
  if (!manager || !config) return;
  const { logoutUrl, clientId, postLogoutRedirectUri } = config.oidc;
  if (logoutUrl) {
    await manager.removeUser();
    const url = new URL(logoutUrl);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('logout_uri', postLogoutRedirectUri);
    location.assign(url.href);
    return;
  }
  // end_session_endpoint from discovery, with the ID token as hint: ends the provider's session.
  await manager.signoutRedirect({ extraQueryParams: { ui_locales: document.documentElement.lang } });
}

let quiet = false;
/**
 * A 401 from the API: the stored session is no good any more. Quietly: the page that
 * made the call says so and offers to sign in again, rather than being re-rendered away.
 */
export async function dropSession(): Promise<void> {
  current = null;
  quiet = true;
  try {
    await manager?.removeUser();
  } finally {
    quiet = false;
  }
}

/** Reads /config.json, finishes a sign-in that is coming back, else restores the stored session. */
export async function initAuth(): Promise<void> {
  try {
    const response = await fetch('/config.json', { cache: 'no-cache' });
    if (!response.ok) return;
    config = (await response.json()) as SiteConfig;
  } catch {
    return;
  }
  const o = config.oidc;
  manager = new UserManager({
    authority: o.authority,
    client_id: o.clientId,
    redirect_uri: o.redirectUri,
    post_logout_redirect_uri: o.postLogoutRedirectUri,
    scope: o.scope,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    automaticSilentRenew: true,
    // Cognito's /oauth2/userInfo wants an access token scope the site does not ask for.
    loadUserInfo: false,
  });
  manager.events.addUserLoaded((user) => {
    current = user;
    changed();
  });
  manager.events.addUserUnloaded(() => {
    current = null;
    if (!quiet) changed();
  });
  // Another tab signed in or out: the stored user is shared, follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key.startsWith('oidc.user:')) {
      void manager!.getUser().then((user) => {
        current = user;
        changed();
      });
    }
  });

  const params = new URLSearchParams(location.search);
  if (params.has('state') && (params.has('code') || params.has('error'))) {
    let returnTo = '/';
    try {
      const user = await manager.signinRedirectCallback();
      current = user;
      const wanted = (user.state as { returnTo?: string } | undefined)?.returnTo;
      // Only a path on this site: never a redirect elsewhere.
      if (wanted && wanted.startsWith('/') && !wanted.startsWith('//')) returnTo = wanted;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    history.replaceState(null, '', returnTo);
    return;
  }
  current = await manager.getUser();
  if (current?.expired) await idToken();
}
