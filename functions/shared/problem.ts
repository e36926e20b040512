// The one translation of errors into RFC 9457 problem details, in the caller's
// language. Typed domain errors keep their meaning; anything else is a bare 500 with a
// correlation id, logged here, and never a stack trace or internal message to the client.
import { DomainError, NotFound, Unavailable } from './errors';
import { logger } from './logger';
import { type Lang, translate } from './messages';
import { isUnavailable } from './store-errors';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  correlationId?: string;
}

/** The router's answer to an unknown route (@middy/http-router notFoundResponse): a typed NotFound like any other. */
export const notFoundResponse = ({ method, path }: { method: string; path: string }): never => {
  throw new NotFound('error.routeNotFound', { method, path });
};

/** The one place errors become HTTP: typed errors keep their meaning, the rest are a bare 500. */
export function problemOf(error: unknown, lang: Lang, correlationId: string): { problem: Problem; headers: Record<string, string> } {
  let domain: DomainError | undefined = error instanceof DomainError ? error : undefined;
  if (!domain && isUnavailable(error)) domain = new Unavailable();
  if (!domain) {
    logger.error('unhandled error', { correlationId, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
    return {
      problem: { type: 'about:blank', title: translate(lang, 'title.500'), status: 500, detail: translate(lang, 'error.internal', { correlationId }), correlationId },
      headers: {},
    };
  }
  if (domain.status >= 500) logger.warn('store unavailable', { correlationId, error: (error as Error).name });
  const problem: Problem = {
    type: `urn:docket:problem:${domain.slug}`,
    title: translate(lang, `title.${domain.status}`),
    status: domain.status,
    detail: translate(lang, domain.key, domain.params),
    correlationId,
  };
  if (domain.issues.length > 0) {
    problem.errors = domain.issues.map((i) => ({ path: i.path, message: i.text ?? translate(lang, i.key, i.params) }));
  }
  return { problem, headers: domain.headers };
}

