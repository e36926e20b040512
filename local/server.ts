// The local runtime: DynamoDB Local, the same Lambda handlers the stack deploys, a JWT
// check that behaves like the API Gateway authorizer, the development identity
// provider, and the built frontend, all on one port.
import './env';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isUtf8 } from 'node:buffer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type FunctionDef, httpFunctions, tables } from '../functions/manifest';
import { clock } from '../functions/shared/clock';
import { type DomainError, NotFound, PayloadTooLarge, RuleBroken, Unauthorized } from '../functions/shared/errors';
import { MAX_BODY_BYTES } from '../functions/shared/limits';
import { problemOf } from '../functions/shared/problem';
import { negotiate } from '../functions/shared/messages';
import { siteHeaders } from '../lib/site-headers';
import { backgroundJobs } from './background';
import { type DdbProxy, startDdbProxy } from './ddb-proxy';
import { freePort, localClient, startDynamo } from './dynamo';
import { type DevIdentityProvider, LOCAL_ISSUER_PATH, createIdentityProvider } from './identity';
import { createLocalOidc, localSiteConfig } from './oidc';
import { outboxListing } from './outbox';
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
  stop(): Promise<void>;
}

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
interface Mounted {
  fn: FunctionDef;
  method: string;
  routeKey: string;
  pattern: RegExp;
  names: string[];
  isPublic: boolean;
  handler: Handler;
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

function compile(path: string) {
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)(\\\+)?\}/g, (_m, name: string, greedy?: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}/?$`), names };
}

/** API Gateway's own limit: past it, the connection is dropped rather than drained. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BYTES) {
      req.destroy();
      break;
    }
    // Past the limit the rest is drained but not kept, so the client can read the 413.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new PayloadTooLarge('error.tooLarge', { limit: MAX_BODY_BYTES });
  return Buffer.concat(chunks);
}

function toEvent(req: IncomingMessage, url: URL, body: Buffer, route: Mounted, params: Record<string, string>, claims?: Record<string, string>): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const now = new Date();
  const requestId = randomUUID();
  const text = body.length > 0 && isUtf8(body);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie?.split(';').map((c) => c.trim()),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body: body.length === 0 ? undefined : text ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2;
}

const lambdaContext = (fn: FunctionDef) => ({
  functionName: `docket-${fn.name}`,
  awsRequestId: randomUUID(),
  getRemainingTimeInMillis: () => (fn.timeoutSeconds ?? 10) * 1000,
  callbackWaitsForEmptyEventLoop: false,
});

export async function startLocal(options: LocalOptions = {}): Promise<LocalRuntime> {
  const inMemory = options.inMemory ?? process.env.DOCKET_IN_MEMORY === '1';
  const dataDir = inMemory ? mkdtempSync(join(tmpdir(), 'docket-')) : resolve(options.dataDir ?? process.env.DOCKET_DATA_DIR ?? '.data');
  const outboxDir = join(dataDir, 'outbox');
  const port = options.port || (await freePort());
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
  try {
    ddb = await startDdbProxy({ target: ddbEndpoint, latencyMs: options.ddbLatencyMs });
    // Handlers read their configuration once, at import: set it first, as Lambda would.
    Object.assign(process.env, {
      ...tableEnv(tables),
      DYNAMODB_ENDPOINT: ddb.endpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SITE_ORIGIN: url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      MAIL_DIR: outboxDir,
      MAIL_FROM: 'audiencias@docket.local',
      // EMF metric lines would only clutter the console locally; tests spy on countMetric.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    });
    if (options.now) clock.set(new Date(options.now));

    const client = localClient(ddbEndpoint);
    await ensureTables(client, tables);
    client.destroy();
    const seeded: Record<string, number> = {};
    for (const seeder of seeders) seeded[seeder.name] = await seeder.run();

    if (options.buildFrontend) {
      const { buildFrontend } = await import('../frontend/build');
      await buildFrontend();
    }

    const mounted: Mounted[] = [];
    for (const fn of httpFunctions) {
      const { handler } = (await import(pathToFileURL(join(ROOT, fn.entry)).href)) as { handler: Handler };
      for (const spec of fn.routes) {
        mounted.push({ fn, method: spec.method, routeKey: `${spec.method} ${spec.path}`, ...compile(spec.path), isPublic: spec.auth === 'public', handler });
      }
    }
    // Unknown /api routes go to the docs function, whose router answers a 404 problem
    // (the stack does the same with an ANY /api/{proxy+} route).
    const fallbackFn = httpFunctions.find((f) => f.name === 'docs')!;
    const fallback = mounted.find((m) => m.fn === fallbackFn)!;

    // The OpenID Connect provider on this same origin, under /oidc (local/oidc.ts).
    const idp = await createIdentityProvider({ issuer: `${url}${LOCAL_ISSUER_PATH}` });
    const oidc = createLocalOidc(url, idp);
    const siteConfig = JSON.stringify(localSiteConfig(url, idp));
    const stops: (() => Promise<void>)[] = [];
    for (const job of backgroundJobs) stops.push(await job.start({ ddbEndpoint, dataDir, root: ROOT }));

    const server = createServer((req, res) => {
      handle(req, res).catch((error) => {
        const lang = negotiate(req.headers['accept-language']);
        const { problem, headers } = problemOf(error, lang, 'local');
        send(res, problem.status, { 'content-type': 'application/problem+json; charset=utf-8', ...headers }, JSON.stringify(problem));
      });
    });

    function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string | Buffer) {
      if (res.headersSent) return res.end();
      if (clock.simulated) headers['x-docket-now'] = clock.now().toISOString();
      // Header names are case-insensitive: the handler's own win over the site defaults.
      const merged: Record<string, string | number> = { ...siteHeaders };
      for (const [name, value] of Object.entries(headers)) merged[name.toLowerCase()] = value;
      res.writeHead(status, merged);
      res.end(body);
    }

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
      if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, res);
      const body = await readBody(req);
      if (url.pathname.startsWith('/api/dev/')) return dev(method, url, body, req, res);

      let route: Mounted | undefined;
      let params: Record<string, string> = {};
      for (const candidate of mounted) {
        if (candidate.method !== method) continue;
        const match = candidate.pattern.exec(url.pathname);
        if (!match) continue;
        route = candidate;
        params = Object.fromEntries(candidate.names.map((n, i) => [n, safeDecode(match[i + 1])]));
        break;
      }
      route ??= { ...fallback, routeKey: 'ANY /api/{proxy+}', isPublic: true };

      let claims: Record<string, string> | undefined;
      if (!route.isPublic) {
        const auth = req.headers.authorization ?? '';
        const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
        claims = token ? await idp.verify(token) : undefined;
        // Like the JWT authorizer: a missing or bad token never reaches the handler.
        if (!claims) return sendProblem(res, req, new Unauthorized('error.unauthenticated'));
      }
      const result = await route.handler(toEvent(req, url, body, route, params, claims), lambdaContext(route.fn));
      // Lambda's response is JSON: a header whose value is undefined never reaches the client.
      const headers = Object.fromEntries(Object.entries(result.headers ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
      const payload = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
      send(res, result.statusCode ?? 200, headers, payload);
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
      if (method === 'GET' && url.pathname === '/api/dev/jwks.json') return json(200, await idp.jwks());
      if (method === 'GET' && url.pathname === '/api/dev/clock') return json(200, { now: clock.now().toISOString(), simulated: clock.simulated });
      if (method === 'POST' && url.pathname === '/api/dev/clock') {
        const at = new Date(String(input().now ?? ''));
        if (Number.isNaN(at.getTime())) return sendProblem(res, req, new RuleBroken('error.validation', {}, [{ path: 'now', key: 'rule.instant' }]));
        clock.set(at);
        return json(200, { now: clock.now().toISOString(), simulated: true });
      }
      return sendProblem(res, req, new NotFound('error.routeNotFound', { method, path: url.pathname }));
    }

    const dist = join(ROOT, 'frontend', 'dist');
    function serveStatic(pathname: string, res: ServerResponse) {
      const wanted = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
      let file = join(dist, wanted);
      if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
      if (!existsSync(file)) return send(res, 503, { 'content-type': 'text/plain; charset=utf-8' }, 'The frontend is not built: run npm run build.');
      const type = contentTypes[extname(file)] ?? 'application/octet-stream';
      // Asset names carry a content hash (frontend/build.ts): cached for good; the page never.
      const cache = extname(file) === '.html' ? 'no-cache' : /\.[A-Z0-9]{8}\.(js|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      send(res, 200, { 'content-type': type, 'cache-control': cache }, readFileSync(file));
    }

    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => done());
    });
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
      stop: async () => {
        for (const stop of stops) await stop();
        await closeServer(server);
        await stopDdb();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await stopDdb();
    await dynamo?.stop();
    throw error;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const closeServer = (server: Server) =>
  new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
