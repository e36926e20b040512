// Typed domain errors. Domain code throws these with a message key (see messages.ts)
// and parameters; the http stack (http.ts) is the one place that turns them into
// RFC 9457 problem details in the caller's language.

export type MessageParams = Record<string, string | number>;

/** A field-level error: `path` names the field, `key` the rule that was broken. */
export interface FieldIssue {
  path: string;
  key: string;
  params?: MessageParams;
  /** Already-translated text (zod's own locale messages); wins over `key`. */
  text?: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  readonly headers: Record<string, string> = {};
  constructor(
    readonly key: string,
    readonly params: MessageParams = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(key);
    this.name = new.target.name;
  }
}

export class BadRequest extends DomainError {
  readonly status = 400;
  readonly slug = 'bad-request';
}
export class Unauthorized extends DomainError {
  readonly status = 401;
  readonly slug = 'unauthorized';
}
export class Forbidden extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
}
export class NotFound extends DomainError {
  readonly status = 404;
  readonly slug = 'not-found';
}
export class Conflict extends DomainError {
  readonly status = 409;
  readonly slug = 'conflict';
}
export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
}
/** Valid JSON that breaks a rule: deadline passed, window closed, field errors. */
export class RuleBroken extends DomainError {
  readonly status = 422;
  readonly slug = 'rule-broken';
}
/** The store is unreachable: the client may retry later. */
export class Unavailable extends DomainError {
  readonly status = 503;
  readonly slug = 'unavailable';
  constructor(retryAfterSeconds = 2) {
    super('error.unavailable');
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}
