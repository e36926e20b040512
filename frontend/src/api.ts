// Calls to /api with the signed-in user's token and the chosen language. Problem
// details come back as ApiError so pages can show the server's field errors in place.
import { lang } from './i18n';

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

export interface SignedIn {
  token: string;
  user: { email: string; name: string; groups: string[] };
}

const SESSION_KEY = 'docket.signin';
let serverNowOffset = 0;
let simulated = false;
const clockListeners: (() => void)[] = [];

export const onClockChange = (listener: () => void) => clockListeners.push(listener);
/** "Now" as the server sees it: the local runtime may run a simulated date. */
export const serverNow = () => new Date(Date.now() + serverNowOffset);
export const isSimulated = () => simulated;

export function signedIn(): SignedIn | undefined {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as SignedIn) : undefined;
  } catch {
    return undefined;
  }
}
export const setSignedIn = (value: SignedIn | undefined) =>
  value ? sessionStorage.setItem(SESSION_KEY, JSON.stringify(value)) : sessionStorage.removeItem(SESSION_KEY);
export const hasRole = (role: string) => !!signedIn()?.user.groups.includes(role);

export async function apiRaw(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept-language', lang());
  const session = signedIn();
  if (session) headers.set('authorization', `Bearer ${session.token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const now = response.headers.get('x-docket-now');
  if (now) {
    serverNowOffset = Date.parse(now) - Date.now();
    if (!simulated) {
      simulated = true;
      for (const listener of clockListeners) listener();
    }
  }
  if (!response.ok) {
    let problem: Problem;
    try {
      const body = (await response.json()) as Problem | { message?: string };
      // The gateway's own answers (401, 429, 5xx) are {"message": …}, not problem details.
      problem = 'title' in body ? body : { type: 'about:blank', title: body.message ?? response.statusText, status: response.status, detail: body.message ?? response.statusText };
    } catch {
      problem = { type: 'about:blank', title: response.statusText, status: response.status, detail: response.statusText };
    }
    if (response.status === 401) setSignedIn(undefined);
    throw new ApiError(problem);
  }
  return response;
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const response = await apiRaw(path, init);
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}
