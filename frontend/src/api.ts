// Calls to /api with the signed-in user's ID token and the chosen language. Problem
// details come back as ApiError so pages can show the server's field errors in place.
// Answers that API Gateway or CloudFront write themselves ({"message":"Unauthorized"},
// 403, 429, 503, 504, or no JSON at all) become a problem with a translated detail, so
// a page never shows "undefined".
import { dropSession, idToken } from './auth';
import { formatInstant, lang, t } from './i18n';

export { hasRole, signedIn, type SignedIn } from './auth';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

let serverNowOffset = 0;
let simulated = false;
const clockListeners: (() => void)[] = [];

export const onClockChange = (listener: () => void) => clockListeners.push(listener);
/** "Now" as the server sees it: the local runtime may run a simulated date. */
export const serverNow = () => new Date(Date.now() + serverNowOffset);
export const isSimulated = () => simulated;

const gatewayKey = (status: number) =>
  status === 401 ? 'api.unauthorized'
  : status === 403 ? 'api.forbidden'
  : status === 413 ? 'api.tooLarge'
  : status === 429 ? 'api.throttled'
  : status === 503 ? 'api.unavailable'
  : status === 504 ? 'api.timeout'
  : status >= 500 ? 'api.serverError'
  : 'api.failed';

// An instant inside a server's message ("already checked in at 2020-11-25T15:02:11.123Z")
// is shown as people read it, in their own zone: no ISO timestamp reaches the page.
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;
export const humanize = (text: string) => text.replace(ISO_INSTANT, (iso) => (Number.isNaN(Date.parse(iso)) ? iso : formatInstant(iso)));

/** A problem from any error body: ours (problem details) as is, anyone else's translated by status. */
export function problemFrom(status: number, body: unknown): Problem {
  const value = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  if (typeof value.detail === 'string' && value.detail) {
    return {
      type: value.type ?? 'about:blank',
      title: humanize(value.title ?? value.detail),
      status: value.status ?? status,
      detail: humanize(value.detail),
      errors: value.errors?.map((e) => ({ ...e, message: humanize(e.message) })),
    };
  }
  const detail = t(gatewayKey(status), { status });
  return { type: 'about:blank', title: detail, status, detail };
}

export async function apiRaw(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept-language', lang());
  const token = await idToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    // Signed in, the browser's cache is bypassed: it keys on the URL only, so a public
    // answer cached before signing in could stand in for a fresh one (shared/edge.ts).
    response = await fetch(path, { ...init, headers, cache: token ? 'no-store' : init.cache, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  } catch {
    throw new ApiError({ type: 'about:blank', title: t('api.network'), status: 0, detail: t('api.network') });
  }
  const now = response.headers.get('x-docket-now');
  if (now) {
    serverNowOffset = Date.parse(now) - Date.now();
    if (!simulated) {
      simulated = true;
      for (const listener of clockListeners) listener();
    }
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (response.status === 401 && token) await dropSession();
    throw new ApiError(problemFrom(response.status, body));
  }
  return response;
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const response = await apiRaw(path, init);
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}
