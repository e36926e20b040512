// HTTP load on the local runtime (issue 17): autocannon runs in a separate process
// (bench/http-client.ts), not in the process serving; several rounds with their spread;
// only 2xx answers count as served, every other status is an error.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { round } from './measure';

export interface HttpFigure {
  path: string;
  /** 2xx answers a second, median of the rounds. */
  rps: number;
  p99Ms: number;
  /** Every answer that was not 2xx, plus connection errors and timeouts, over all rounds. */
  errors: number;
  non2xx?: number;
  rpsMin?: number;
  rpsMax?: number;
  p50Ms?: number;
  p99MsMin?: number;
  p99MsMax?: number;
  transportErrors?: number;
  rounds?: number;
  connections?: number;
  secondsPerRound?: number;
  loadFrom?: string;
}

interface ClientRun {
  okPerSec: number;
  answers: number;
  ok: number;
  non2xx: number;
  transportErrors: number;
  p50Ms: number;
  p99Ms: number;
}

const client = (url: string, connections: number, seconds: number) =>
  new Promise<ClientRun>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'http-client.ts'), JSON.stringify({ url, connections, seconds })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop()!) as ClientRun) : fail(new Error(`http client exited ${code}`))));
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function httpLoad(url: string, path: string, rounds = 3, connections = 32, seconds = 5): Promise<HttpFigure> {
  // One short run first, not counted: the function's cold start and the JIT warm-up.
  await client(url, connections, 2);
  const runs: ClientRun[] = [];
  for (let r = 0; r < rounds; r++) runs.push(await client(url, connections, seconds));
  const rps = runs.map((r) => r.okPerSec);
  const p99 = runs.map((r) => r.p99Ms);
  const non2xx = runs.reduce((s, r) => s + r.non2xx, 0);
  const transportErrors = runs.reduce((s, r) => s + r.transportErrors, 0);
  return {
    path,
    rps: Math.round(median(rps)),
    p99Ms: median(p99),
    errors: non2xx + transportErrors,
    non2xx,
    rpsMin: Math.round(Math.min(...rps)),
    rpsMax: Math.round(Math.max(...rps)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99MsMin: Math.min(...p99),
    p99MsMax: Math.max(...p99),
    transportErrors,
    rounds,
    connections,
    secondsPerRound: seconds,
    loadFrom: 'separate process (bench/http-client.ts)',
  };
}

