// The request pipeline of the HTTP stack: @middy/core 6's runRequest, line for line,
// without its response-streaming mode. @middy/core imports node:stream, stream/promises
// and stream/web at the top of its module for that mode alone (which Docket never
// uses), and loading Node's web streams was about 30 M instructions, some 4 % of a bare
// handler's cold start (issue 17, measured with callgrind on the bundles of
// bench/cold-start.ts): a saving on every cold start, not work moved to the first
// request. The middlewares stay middy's own (@middy/http-router, http-header-normalizer,
// http-security-headers, Powertools' injectLambdaContext) and see the same request
// object, order and early-response and error semantics:
// - before middlewares run in the order they were added, after and onError ones in reverse;
// - a middleware that returns a value, or sets request.earlyResponse, answers at once;
// - an error runs the onError middlewares; if none sets a response it is rethrown;
// - the handler is raced against the Lambda deadline less 5 ms (a TimeoutError).
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';

type Fn<E, R> = (request: Request<E, R, Error, Context>) => unknown;
type Handler<E, R> = (event: E, context: Context, opts: { signal: AbortSignal }) => Promise<R> | R;

const TIMEOUT_EARLY_MS = 5;

const timeoutEarlyResponse = (): never => {
  const err = new Error('[AbortError]: The operation was aborted.', { cause: { package: '@middy/core' } });
  err.name = 'TimeoutError';
  throw err;
};

async function runMiddlewares<E, R>(request: Request<E, R, Error, Context>, middlewares: Fn<E, R>[]): Promise<void> {
  for (const next of middlewares) {
    const res = await next(request);
    if (typeof res !== 'undefined') request.earlyResponse = res as R;
    if (Object.hasOwn(request, 'earlyResponse')) {
      request.response = request.earlyResponse as R;
      return;
    }
  }
}

let handlerAbort = new AbortController();

export interface Pipeline<E, R> {
  (event: E, context: Context): Promise<R>;
  /** As loosely typed as middy's own use(): the middlewares type their own view of the request. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  use(middleware: MiddlewareObj<any, any, Error, any, any>): Pipeline<E, R>;
  handler(handler: Handler<E, R>): Pipeline<E, R>;
}

/** middy<E, R>() for buffered (non-streaming) responses. */
export function pipeline<E, R>(): Pipeline<E, R> {
  const before: Fn<E, R>[] = [];
  const after: Fn<E, R>[] = [];
  const onError: Fn<E, R>[] = [];
  let lambdaHandler: Handler<E, R> = () => undefined as R;

  const run = (async (event: E = {} as E, context: Context = {} as Context): Promise<R> => {
    const request: Request<E, R, Error, Context> = { event, context, response: undefined as unknown as R, error: undefined as unknown as Error, internal: {} };
    let timeoutID: ReturnType<typeof setTimeout> | undefined;
    try {
      await runMiddlewares(request, before);
      if (!Object.hasOwn(request, 'earlyResponse')) {
        if (handlerAbort.signal.aborted) handlerAbort = new AbortController();
        const promises: Promise<R>[] = [Promise.resolve(lambdaHandler(request.event, request.context, { signal: handlerAbort.signal }))];
        if (request.context.getRemainingTimeInMillis) {
          promises.push(
            new Promise<R>((resolve, reject) => {
              timeoutID = setTimeout(() => {
                handlerAbort.abort();
                try {
                  resolve(timeoutEarlyResponse());
                } catch (e) {
                  reject(e);
                }
              }, request.context.getRemainingTimeInMillis() - TIMEOUT_EARLY_MS);
            }),
          );
        }
        request.response = await Promise.race(promises);
        if (timeoutID) clearTimeout(timeoutID);
        await runMiddlewares(request, after);
      }
    } catch (e) {
      if (timeoutID) clearTimeout(timeoutID);
      request.response = undefined as unknown as R;
      request.error = e as Error;
      try {
        await runMiddlewares(request, onError);
      } catch (e2) {
        (e2 as { originalError?: unknown }).originalError = request.error;
        request.error = e2 as Error;
        throw request.error;
      }
      if (typeof request.response === 'undefined') throw request.error;
    }
    return request.response as R;
  }) as Pipeline<E, R>;

  run.use = (middleware) => {
    if (!middleware.before && !middleware.after && !middleware.onError) {
      throw new Error('Middleware must be an object containing at least one key among "before", "after", "onError"');
    }
    if (middleware.before) before.push(middleware.before as Fn<E, R>);
    if (middleware.after) after.unshift(middleware.after as Fn<E, R>);
    if (middleware.onError) onError.unshift(middleware.onError as Fn<E, R>);
    return run;
  };
  run.handler = (handler) => {
    lambdaHandler = handler;
    return run;
  };
  return run;
}
