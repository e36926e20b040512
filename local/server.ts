// The local runtime: DynamoDB Local, the same Lambda handlers the stack deploys (each
// function in worker threads of its own, local/lambda.ts), a gateway that answers as
// CloudFront and API Gateway do (local/gateway.ts), the development identity provider,
// and the built frontend, all on one port. This file composes them.
import './env';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { type EventFunctionDef, type FunctionDef, buckets, eventFunctions, httpFunctions, tables } from '../functions/manifest';
import { clock } from '../functions/shared/clock';
import { BadRequest, type DomainError, NotFound, PayloadTooLarge, RuleBroken } from '../functions/shared/errors';
import { MAX_BODY_BYTES } from '../functions/shared/limits';
import { problemOf } from '../functions/shared/problem';
import { negotiate } from '../functions/shared/messages';
import { contentSecurityPolicy, siteHeaders } from '../lib/site-headers';
import { backgroundJobs } from './background';
import { type DdbProxy, startDdbProxy } from './ddb-proxy';
import { listenOn, localClient, startDynamo } from './dynamo';
import {
  ClientRateLimit,
  GATEWAY,
  GATEWAY_MAX_REQUEST_BYTES,
  type GatewayReply,
  INTEGRATION_TIMEOUT_MS,
  type Route,
  STAGE_THROTTLE,
  TokenBucket,
  clientOf,
  compileRoute,
  gatewayError,
  isRateLimitedRoute,
  matchRoute,
  replyOf,
  toEvent,
  withSiteHeaders,
} from './gateway';
import { type DevIdentityProvider, LOCAL_ISSUER_PATH, createIdentityProvider } from './identity';
import { createLocalOidc, localSiteConfig } from './oidc';
import { DEFAULT_CONCURRENCY, FunctionPool, type Outcome, functionEnv } from './lambda';
import { outboxListing } from './outbox';
import { type LocalS3, startLocalS3 } from './s3';
import { seeders } from './seed';
import { ensureTables, tableEnv } from './tables';
import { devUsers } from './users';

export const ROOT = resolve(import.meta.dirname, '..');

export interface LocalOptions {
  port?: number;
  /** Where DynamoDB Local keeps its files and the outbox its mail; ignored when inMemory. */
  dataDir?: string;
  inMemory?: boolean;
  /** Reuse a DynamoDB Local that is already running (tests start one per run). */
  ddbEndpoint?: string;
  /** Port for the DynamoDB Local this runtime starts (default: a free one). */
  ddbPort?: number;
  /** ISO 8601 instant to start the clock at (DOCKET_NOW). */
  now?: string;
  /** Build frontend/dist before serving (npm start does; tests build once). */
  buildFrontend?: boolean;
  /** Milliseconds each DynamoDB call of a handler waits (default DOCKET_DDB_LATENCY_MS or 4). */
  ddbLatencyMs?: number;
  /** Instances per function (DOCKET_LAMBDA_CONCURRENCY, default 4), each one request at a time. */
  concurrency?: number;
  /**
   * The stage throttle (default lib/api.ts THROTTLE, or DOCKET_THROTTLE_RATE and
   * DOCKET_THROTTLE_BURST); false turns it off for benchmarks that measure the runtime.
   */
  throttle?: { rateLimit: number; burstLimit: number } | false;
  /** Registrations per client and minute (DOCKET_RATE_LIMIT_PER_MINUTE, default 10; 0 = off). */
  rateLimitPerMinute?: number;
  /** Tests only: functions mounted besides the manifest's, as the manifest's are. */
  extraFunctions?: readonly FunctionDef[];
  /** Tests only: event functions mounted besides the manifest's (invoked through `invoke`). */
  extraEventFunctions?: readonly EventFunctionDef[];
  /** Tests only: a function's timeout in seconds instead of the manifest's. */
  timeoutSeconds?: Record<string, number>;
  /** Tests only: API Gateway's integration timeout (30 s). */
  integrationTimeoutMs?: number;
}

export interface LocalRuntime {
  url: string;
  port: number;
  /** DynamoDB Local itself (seeding, tools); handlers go through `ddb`. */
  ddbEndpoint: string;
  /** The proxy handlers use as DynamoDB: grant checks, transaction conflicts, latency. */
  ddb: DdbProxy;
  dataDir: string;
  outboxDir: string;
  idp: DevIdentityProvider;
  seeded: Record<string, number>;
  /** The Lambda stand-in of each function (HTTP and event), by name. */
  functions: Map<string, FunctionPool>;
  /** The event functions' pools (also in `functions`): S3 notifications invoke the check, tests the purge. */
  events: Map<string, FunctionPool>;
  /** The S3 stand-in (local/s3.ts): pre-signed links point here. */
  s3: Pick<LocalS3, 'endpoint' | 'bucketNames' | 'settled'>;
  /** The site's Content-Security-Policy (connect-src also names the local S3, where the browser uploads). */
  contentSecurityPolicy: string;
  /** Starts the named functions' instances (every HTTP function by default) and waits until they are ready. */
  warm(names?: readonly string[], count?: number): Promise<void>;
  /** Invokes a function with an event, as Lambda's Invoke does (event functions, tests). */
  invoke(name: string, event: unknown): Promise<Outcome>;
  stop(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // API Gateway's own limit: past it, the connection is dropped rather than drained.
    if (size > GATEWAY_MAX_REQUEST_BYTES) {
      req.destroy();
      break;
    }
    // Past the limit the rest is drained but not kept, so the client can read the 413.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new PayloadTooLarge('error.tooLarge', { limit: MAX_BODY_BYTES });
  return Buffer.concat(chunks);
}

const numberFrom = (value: string | undefined): number | undefined => (value === undefined || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value));

export async function startLocal(options: LocalOptions = {}): Promise<LocalRuntime> {
  const inMemory = options.inMemory ?? process.env.DOCKET_IN_MEMORY === '1';
  const dataDir = inMemory ? mkdtempSync(join(tmpdir(), 'docket-')) : resolve(options.dataDir ?? process.env.DOCKET_DATA_DIR ?? '.data');
  const outboxDir = join(dataDir, 'outbox');
  // An in-memory run keeps only its mail drop on disk, in a temporary directory: every
  // stop removes it (a benchmark leaves tens of MB of mail otherwise).
  const removeTemporary = () => inMemory && rmSync(dataDir, { recursive: true, force: true });
  // Bound first, answering once everything behind it is ready: the site's origin (the
  // OpenID issuer, CORS, mail links) needs the port.
  const server = createServer();
  const port = await listenOn(server, options.port || 0);
  const url = `http://localhost:${port}`;

  const dynamo = options.ddbEndpoint ? undefined : await startDynamo({ dataDir: inMemory ? undefined : join(dataDir, 'dynamodb'), port: options.ddbPort });
  const ddbEndpoint = options.ddbEndpoint ?? dynamo!.endpoint;
  let ddb: DdbProxy | undefined;
  const previousDdbEndpoint = process.env.DYNAMODB_ENDPOINT;
  // The DynamoDB client reads DYNAMODB_ENDPOINT at each call: once this proxy is gone,
  // the runtime started before this one (a test may start two) must find its own again.
  const stopDdb = async () => {
    if (process.env.DYNAMODB_ENDPOINT === ddb?.endpoint) {
      if (previousDdbEndpoint === undefined) delete process.env.DYNAMODB_ENDPOINT;
      else process.env.DYNAMODB_ENDPOINT = previousDdbEndpoint;
    }
    await ddb?.stop();
  };
  const functions = new Map<string, FunctionPool>();
  const events = new Map<string, FunctionPool>();
  let s3: LocalS3 | undefined;
  try {
    const extraEventFunctions = options.extraEventFunctions ?? [];
    ddb = await startDdbProxy({ target: ddbEndpoint, latencyMs: options.ddbLatencyMs, functions: [...(options.extraFunctions ?? []), ...extraEventFunctions] });
    // The seeders and the event sources (local/background.ts) run in this process and
    // read their configuration from it; every function gets its own (local/lambda.ts).
    const mailFrom = 'audiencias@docket.local';
    Object.assign(process.env, {
      ...tableEnv(tables),
      DYNAMODB_ENDPOINT: ddb.endpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SITE_ORIGIN: url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      MAIL_DIR: outboxDir,
      MAIL_FROM: mailFrom,
      // EMF metric lines would only clutter the console locally; tests spy on countMetric.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    });
    if (options.now) clock.set(new Date(options.now));
    // S3 (local/s3.ts) and the key standing in for KMS (shared/envelope.ts), kept with the data.
    s3 = await startLocalS3({ dataDir, siteOrigin: url, buckets });
    // In memory, the key follows the DynamoDB it seals for: test runtimes sharing one
    // DynamoDB Local open each other's items, as functions sharing one KMS key would.
    const localKmsKey = inMemory ? createHash('sha256').update(`docket local KMS stand-in ${ddbEndpoint}`).digest('base64') : localKeyIn(dataDir);

    const client = localClient(ddbEndpoint);
    await ensureTables(client, tables);
    client.destroy();
    const seeded: Record<string, number> = {};
    for (const seeder of seeders) seeded[seeder.name] = await seeder.run();

    if (options.buildFrontend) {
      const { buildFrontend } = await import('../frontend/build');
      await buildFrontend();
    }

    // Lambda: one pool of isolated instances per function, started on first use.
    const concurrency = options.concurrency ?? numberFrom(process.env.DOCKET_LAMBDA_CONCURRENCY) ?? DEFAULT_CONCURRENCY;
    // Functions use the DynamoDB this process uses (a proxy in front of DynamoDB Local
    // when there is one, which then learns each caller from its access key id).
    const functionsDdb = process.env.DYNAMODB_ENDPOINT ?? ddbEndpoint;
    const settings = { siteOrigin: url, mailFrom, ddbEndpoint: functionsDdb, mailDir: outboxDir, signWithIdentity: functionsDdb !== ddbEndpoint, s3, localKmsKey };
    const routes: Route[] = [];
    for (const fn of [...httpFunctions, ...(options.extraFunctions ?? [])]) {
      functions.set(fn.name, new FunctionPool(fn, { root: ROOT, env: functionEnv(fn, settings), concurrency, timeoutSeconds: options.timeoutSeconds?.[fn.name] }));
      for (const spec of fn.routes) routes.push(compileRoute(fn, spec.method, spec.path, spec.auth === 'public'));
    }
    const httpNames = [...functions.keys()];
    // Event functions: the same isolated instances, invoked by the event sources below
    // (streams, the scheduler stand-ins, S3 notifications of the documents bucket).
    for (const fn of [...eventFunctions, ...extraEventFunctions]) {
      const pool = new FunctionPool(fn, { root: ROOT, env: functionEnv(fn, settings), concurrency, timeoutSeconds: options.timeoutSeconds?.[fn.name] });
      functions.set(fn.name, pool);
      events.set(fn.name, pool);
      if (fn.objectCreated) s3.notify(fn.objectCreated, pool);
    }
    const invoke = (name: string, event: unknown): Promise<Outcome> => {
      const pool = functions.get(name);
      if (!pool) throw new Error(`no function ${name} in this runtime`);
      return pool.invoke(event);
    };
    const pageHeaders = { ...siteHeaders, 'content-security-policy': contentSecurityPolicy([s3.endpoint]) };

    // Unknown /api routes go to the docs function, whose router answers a 404 problem
    // (the stack does the same with an ANY /api/{proxy+} route).
    const fallbackFn = httpFunctions.find((f) => f.name === 'docs')!;
    const fallback: Route = { ...compileRoute(fallbackFn, 'ANY', '/api/{proxy+}', true) };

    // The gateway's own rules.
    const throttleSetting =
      options.throttle === undefined
        ? { rateLimit: numberFrom(process.env.DOCKET_THROTTLE_RATE) ?? STAGE_THROTTLE.rateLimit, burstLimit: numberFrom(process.env.DOCKET_THROTTLE_BURST) ?? STAGE_THROTTLE.burstLimit }
        : options.throttle;
    const throttle = throttleSetting && throttleSetting.rateLimit > 0 ? new TokenBucket(throttleSetting.rateLimit, throttleSetting.burstLimit) : undefined;
    const perClient = new ClientRateLimit(options.rateLimitPerMinute ?? numberFrom(process.env.DOCKET_RATE_LIMIT_PER_MINUTE) ?? 10);
    const integrationTimeoutMs = options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS;

    // The OpenID Connect provider on this same origin, under /oidc (local/oidc.ts).
    const idp = await createIdentityProvider({ issuer: `${url}${LOCAL_ISSUER_PATH}` });
    const oidc = createLocalOidc(url, idp);
    const siteConfig = JSON.stringify(localSiteConfig(url, idp));
    const stops: (() => Promise<void>)[] = [];
    for (const job of backgroundJobs) stops.push(await job.start({ ddbEndpoint, dataDir, root: ROOT, invoke }));

    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      handle(req, res).catch((error) => {
        const lang = negotiate(req.headers['accept-language']);
        const { problem, headers } = problemOf(error, lang, 'local');
        send(res, problem.status, { 'content-type': 'application/problem+json; charset=utf-8', ...headers }, JSON.stringify(problem));
      });
    });

    function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string | Buffer, req?: IncomingMessage) {
      if (res.headersSent) return res.end();
      if (clock.simulated) headers['x-docket-now'] = clock.now().toISOString();
      const compressed = req && body !== undefined ? compress(req, headers, body) : undefined;
      res.writeHead(status, withSiteHeaders(pageHeaders, compressed ? { ...headers, ...compressed.headers } : headers));
      res.end(compressed ? compressed.body : body);
    }
    const reply = (res: ServerResponse, { status, headers, body }: GatewayReply, req?: IncomingMessage) => send(res, status, { ...headers }, body, req);

    const sendProblem = (res: ServerResponse, req: IncomingMessage, error: DomainError) => {
      const { problem, headers } = problemOf(error, negotiate(req.headers['accept-language']), 'local');
      send(res, problem.status, { 'content-type': 'application/problem+json; charset=utf-8', ...headers }, JSON.stringify(problem));
    };

    async function handle(req: IncomingMessage, res: ServerResponse) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      if (url.pathname === LOCAL_ISSUER_PATH || url.pathname.startsWith(`${LOCAL_ISSUER_PATH}/`)) return oidc.handle(req, res);
      // Written into the site bucket at deploy time in AWS; never cached, like index.html.
      if (url.pathname === '/config.json') return send(res, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' }, siteConfig);
      if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, req, res);
      const body = await readBody(req);
      if (url.pathname.startsWith('/api/dev/')) return dev(method, url, body, req, res);
      return reply(res, await gateway(req, url, method, body), req);
    }

    /** API Gateway: throttle, route, authorizer, then the function through its pool. */
    async function gateway(req: IncomingMessage, url: URL, method: string, body: Buffer): Promise<GatewayReply> {
      if (throttle && !throttle.take()) return gatewayError(GATEWAY.tooMany);
      const matched = matchRoute(routes, method, url.pathname);
      const route = matched?.route ?? fallback;
      const params = matched?.params ?? {};
      // The WAF rate-based rule on CloudFront (issue 13): per client, before the API.
      if (isRateLimitedRoute(method, route.routeKey)) {
        const wait = perClient.check(clientOf(req));
        if (wait > 0) return gatewayError(GATEWAY.tooMany, { 'retry-after': wait });
      }
      let claims: Record<string, string> | undefined;
      if (!route.isPublic) {
        const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
        claims = token ? await idp.verify(token) : undefined;
        // Like the JWT authorizer: a missing or bad token never reaches the handler.
        if (!claims) return gatewayError(GATEWAY.unauthorized);
      }
      const event = toEvent(req, url, body, route.routeKey, params, claims);
      const pool = functions.get(route.fn.name)!;
      let timer: NodeJS.Timeout | undefined;
      let timedOut!: (reply: GatewayReply) => void;
      const integrationTimeout = new Promise<GatewayReply>((done) => (timedOut = done));
      // The integration timeout counts from the moment an instance takes the request: a
      // cold start here (a TypeScript transpile and module load in a thread, seconds on a
      // busy machine) is far slower than Lambda's and would turn into 503s AWS never gives.
      const dispatched = () => {
        timer = setTimeout(() => {
          timedOut(gatewayError(GATEWAY.integrationTimeout));
        }, integrationTimeoutMs);
      };
      // Past the integration timeout the client has its 503 while the function may run on.
      const invoked = pool.invoke(event, { dispatched }).then(replyOf);
      try {
        return await Promise.race([invoked, integrationTimeout]);
      } finally {
        clearTimeout(timer);
      }
    }

    async function dev(method: string, url: URL, body: Buffer, req: IncomingMessage, res: ServerResponse) {
      const json = (status: number, value: unknown) => send(res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, JSON.stringify(value));
      const input = () => {
        try {
          return JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          return {};
        }
      };
      if (method === 'GET' && url.pathname === '/api/dev/users') {
        return json(200, { items: devUsers.map(({ email, name, groups }) => ({ email, name, groups })) });
      }
      if (method === 'POST' && url.pathname === '/api/dev/login') {
        const email = String(input().email ?? '').toLowerCase();
        const user = devUsers.find((u) => u.email === email);
        if (!user) return sendProblem(res, req, new RuleBroken('error.validation', {}, [{ path: 'email', key: 'dev.unknownUser' }]));
        return json(200, { token: await idp.issue(user), user: { email: user.email, name: user.name, groups: user.groups } });
      }
      if (method === 'GET' && url.pathname === '/api/dev/outbox') return json(200, outboxListing(outboxDir));
      // The daily purge (hearings/purge.ts) on demand: locally no timer runs it, since the
      // seeded 2020 Periods are past any retention and the clock can be moved.
      if (method === 'POST' && url.pathname === '/api/dev/purge') {
        const outcome = await events.get('hearing-purge')!.invoke(input());
        return outcome.kind === 'ok' ? json(200, JSON.parse(outcome.payload)) : json(500, { errorType: outcome.errorType });
      }
      if (method === 'GET' && url.pathname === '/api/dev/jwks.json') return json(200, await idp.jwks());
      if (method === 'GET' && url.pathname === '/api/dev/clock') return json(200, { now: clock.now().toISOString(), simulated: clock.simulated });
      if (method === 'POST' && url.pathname === '/api/dev/clock') {
        const at = new Date(String(input().now ?? ''));
        if (Number.isNaN(at.getTime())) return sendProblem(res, req, new RuleBroken('error.validation', {}, [{ path: 'now', key: 'rule.instant' }]));
        // Workers take the clock's offset with every invocation (local/lambda.ts).
        clock.set(at);
        return json(200, { now: clock.now().toISOString(), simulated: true });
      }
      // The Lambda stand-ins: instances, timeouts, and what one instance's environment holds.
      if (method === 'GET' && url.pathname === '/api/dev/functions') {
        return json(200, {
          items: [...functions.values()].map((p) => ({ name: p.fn.name, instances: p.size, concurrency: p.concurrency, timeoutMs: p.timeoutMs, ...p.stats })),
        });
      }
      const envOf = /^\/api\/dev\/functions\/([\w-]+)\/env$/.exec(url.pathname);
      if (method === 'GET' && envOf && functions.has(envOf[1]!)) return json(200, { names: await functions.get(envOf[1]!)!.envNames() });
      return sendProblem(res, req, new NotFound('error.routeNotFound', { method, path: url.pathname }));
    }

    const dist = join(ROOT, 'frontend', 'dist');
    function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        // A malformed percent-encoding (/%zz) is the client's error, not the server's.
        return sendProblem(res, req, new BadRequest('error.malformedPath'));
      }
      const wanted = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
      let file = join(dist, wanted);
      if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
      if (!existsSync(file)) return send(res, 503, { 'content-type': 'text/plain; charset=utf-8' }, 'The frontend is not built: run npm run build.');
      const type = contentTypes[extname(file)] ?? 'application/octet-stream';
      // Asset names carry a content hash (frontend/build.ts): cached for good; the page never.
      const cache = extname(file) === '.html' ? 'no-cache' : /\.[A-Z0-9]{8}\.(js|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      send(res, 200, { 'content-type': type, 'cache-control': cache }, readFileSync(file), req);
    }

    server.keepAliveTimeout = 5_000;

    return {
      url,
      port,
      ddbEndpoint,
      ddb,
      dataDir,
      outboxDir,
      idp,
      seeded,
      functions,
      events,
      s3: { endpoint: s3.endpoint, bucketNames: s3.bucketNames, settled: () => s3!.settled() },
      contentSecurityPolicy: pageHeaders['content-security-policy'],
      warm: async (names: readonly string[] = httpNames, count?: number) => {
        for (const pool of functions.values()) if (names.includes(pool.fn.name)) await pool.warm(count);
      },
      invoke,
      stop: async () => {
        for (const stop of stops) await stop();
        await closeServer(server);
        await Promise.all([...functions.values()].map((p) => p.stop()));
        await s3?.stop();
        await Promise.all([...events.values()].map((p) => p.stop()));
        await stopDdb();
        await dynamo?.stop();
        removeTemporary();
      },
    };
  } catch (error) {
    await closeServer(server);
    await Promise.all([...functions.values()].map((p) => p.stop()));
    await s3?.stop().catch(() => {});
    await Promise.all([...events.values()].map((p) => p.stop()));
    await stopDdb();
    await dynamo?.stop();
    removeTemporary();
    throw error;
  }
}

/**
 * What CloudFront does in AWS (compression on the distribution): text answers of 1 KiB or
 * more go out as Brotli or gzip when the client accepts it, with Vary: Accept-Encoding.
 * Brotli at a middle quality: the best ratio costs more CPU than a request is worth.
 */
export function compress(req: IncomingMessage, headers: Record<string, string | number>, body: string | Buffer): { headers: Record<string, string | number>; body: Buffer } | undefined {
  const type = String(headers['content-type'] ?? headers['Content-Type'] ?? '');
  if (!/^(text\/|application\/(json|problem\+json|javascript|manifest\+json|xml)|image\/svg\+xml)/.test(type)) return undefined;
  if (headers['content-encoding'] || headers['Content-Encoding']) return undefined;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (bytes.length < 1024) return undefined;
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  if (/\bbr\b/.test(accepted)) return { headers: { 'content-encoding': 'br', vary }, body: brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }) };
  if (/\bgzip\b/.test(accepted)) return { headers: { 'content-encoding': 'gzip', vary }, body: gzipSync(bytes, { level: 6 }) };
  return undefined;
}

const closeServer = (server: Server) =>
  new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });

/** The 256-bit key standing in for KMS locally, created once per data directory. */
function localKeyIn(dataDir: string): string {
  const file = join(dataDir, 'local-kms.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
