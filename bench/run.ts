// npm run bench: every figure of issue 7 on this machine, each beside a baseline measured
// in the same run. Prints a table and writes bench/results/latest.{json,md} and charts.
// Exits non-zero only when an invariant breaks, never for speed.
import '../local/env';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { tables } from '../functions/manifest';
import { localClient, startDynamo } from '../local/dynamo';
import { ensureTables, tableEnv } from '../local/tables';
import { assetSizes, measureFunctions } from './cold-start';
import { httpLoad } from './http-load';
import { yearlyCost } from './cost';
import { type Report, markdown, writeReport } from './report';
import type { Benchmark, BenchResults } from './types';

/** The last report with this partial run's figures laid over it (rows matched by their name). */
function mergeIntoLatest(path: string, partial: Report): Report {
  if (!existsSync(path)) return partial;
  const latest = JSON.parse(readFileSync(path, 'utf8')) as Report;
  const rowKey = (row: Record<string, unknown>) => String(row.route ?? row.operation ?? row.name ?? row.path ?? JSON.stringify(row));
  const rows = <T>(old: T[] = [], fresh: T[] = []) => {
    const replaced = new Set(fresh.map((r) => rowKey(r as Record<string, unknown>)));
    return [...old.filter((r) => !replaced.has(rowKey(r as Record<string, unknown>))), ...fresh];
  };
  return {
    ...latest,
    at: partial.at,
    functions: rows(latest.functions, partial.functions),
    routes: rows(latest.routes, partial.routes),
    capacity: rows(latest.capacity, partial.capacity),
    throughput: rows(latest.throughput, partial.throughput),
    scheduler: partial.scheduler.length ? partial.scheduler : latest.scheduler,
    solver: partial.solver?.length ? partial.solver : latest.solver,
    http: rows(latest.http, partial.http),
    ...(partial.registrationBurst ? { registrationBurst: partial.registrationBurst } : {}),
    ...(partial.sizes ? { sizes: partial.sizes } : {}),
    growth: { ...latest.growth, ...partial.growth },
  };
}

/** The merged report with its cost estimate recomputed from the merged rows. */
function withCost(report: Report): Report {
  const cost = yearlyCost(report);
  return { ...report, yearlyCostUsd: cost.total, yearlyCost: cost };
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('--')); // flags (--full) are read by the modules
const want = (name: string) => only.length === 0 || only.includes(name);

/** Each context's benchmark module; add yours here. */
const modules: [string, () => Promise<{ default: Benchmark }>][] = [
  ['sessions', () => import('./sessions')],
  ['evote', () => import('./evote')],
  ['hearings', () => import('./hearings')],
  ['growth-requests', () => import('./growth-requests')],
  ['registrations', () => import('./registrations')],
  ['schedule-read', () => import('./schedule-read')],
  ['scheduling', () => import('./scheduling')],
];

const dynamo = await startDynamo();
const client = localClient(dynamo.endpoint);
await ensureTables(client, tables);
client.destroy();
const env = {
  ...tableEnv(tables),
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  MAIL_FROM: 'bench@docket.local',
  MAIL_DIR: join(import.meta.dirname, 'results', 'tmp', 'mail'),
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  POWERTOOLS_SERVICE_NAME: 'docket-bench',
  // Confidential names are sealed (hearings/confidential.ts): a key of this run, as the local runtime keeps one.
  LOCAL_KMS_KEY: randomBytes(32).toString('base64'),
};
Object.assign(process.env, env);
const { seeders } = await import('../local/seed');
for (const seeder of seeders) await seeder.run();

let sizes: Report['sizes'];
const results: BenchResults = { routes: [], capacity: [], throughput: [], scheduler: [], solver: [] };
let failed = false;
try {
  for (const [name, load] of modules) {
    if (!want(name)) continue;
    const started = Date.now();
    const section = await (await load()).default({ ddbEndpoint: dynamo.endpoint });
    for (const key of ['routes', 'capacity', 'throughput', 'scheduler', 'solver'] as const) (results[key] as unknown[]).push(...((section[key] as unknown[]) ?? []));
    if (section.registrationBurst) results.registrationBurst = section.registrationBurst;
    if (section.growth) results.growth = { ...results.growth, ...section.growth };
    console.log(`bench ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const functions = want('functions') ? await measureFunctions({ ...process.env, ...env, PATH: process.env.PATH }) : [];

  const http: Report['http'] = [];
  if (want('http')) {
    const { startLocal } = await import('../local/server');
    // Measures the runtime, not the stage throttle or the per-client limit.
    const rt = await startLocal({ ddbEndpoint: dynamo.endpoint, inMemory: true, throttle: false, rateLimitPerMinute: 0 });
    try {
      for (const path of ['/api/sessions', '/api/sessions/178/schedule']) http.push(await httpLoad(`${rt.url}${path}`, path));
    } finally {
      await rt.stop();
    }
  }
  sizes = want('sizes') ? await assetSizes() : undefined;

  // Lighthouse (issue 14) only when named (`npm run bench -- lighthouse`): it writes its own
  // bench/results/lighthouse.{json,md}, beside the figures above.
  if (only.includes('lighthouse')) {
    const { runLighthouse, writeLighthouse } = await import('./lighthouse');
    writeLighthouse(await runLighthouse({ ddbEndpoint: dynamo.endpoint }));
  }

  const cost = yearlyCost(results);
  const report: Report = {
    at: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memGb: Math.round(totalmem() / 2 ** 30) },
    functions,
    ...results,
    http,
    ...(sizes ? { sizes } : {}),
    yearlyCostUsd: cost.total,
    yearlyCost: cost,
  };
  // A run of some sections only (`npm run bench -- registrations`) keeps the other
  // figures of the last full run: its own sections replace theirs, row by row.
  writeReport(join(import.meta.dirname, 'results'), only.length === 0 ? report : withCost(mergeIntoLatest(join(import.meta.dirname, 'results', 'latest.json'), report)));
  console.log(markdown(report));
  failed = results.throughput.some((t) => !t.invariantHeld);
  if (failed) console.error('An invariant broke under load: see the throughput table.');
} finally {
  await dynamo.stop();
}
process.exit(failed ? 1 : 0);
