// Bundles every function exactly as the stack deploys it (lib/function.ts BUNDLING) and
// measures its size (the bundle and the assets deployed beside it, e.g. highs.wasm) and
// whole-process cold start: a fresh `node` importing the bundle until its handler is
// ready, interleaved with the baseline, with the NODE_OPTIONS the stack deploys
// (RUNTIME_NODE_OPTIONS) for both. Several rounds of N pairs: the figure is the median of
// the rounds' medians, with the rounds' ratios as min/median/max, since one round can
// cross a budget on noise alone. One more round with --enable-source-maps (what the stack
// set before, issue 17) shows what run-time source maps cost.
import '../local/env';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { eventFunctions, httpFunctions } from '../functions/manifest';
import { BUNDLING, ROOT, RUNTIME_NODE_OPTIONS } from '../lib/function';
import { round } from './measure';

export interface FunctionFigure {
  name: string;
  bundleBytes: number;
  /** Files deployed beside the bundle (highs.wasm for scheduling), bytes. */
  assetBytes?: number;
  coldStartMs: number;
  baseline: { bundleBytes: number; coldStartMs: number };
  /** Cold start / baseline per round: min, median, max over the rounds. */
  ratio?: { min: number; median: number; max: number; rounds: number; pairsPerRound: number };
  /** NODE_OPTIONS both were measured with. */
  nodeOptions?: string;
  /** One round with --enable-source-maps for both, for comparison. */
  withSourceMaps?: { coldStartMs: number; baselineMs: number; ratio: number };
}

const OUT = join(ROOT, 'bench', 'results', 'tmp');

export async function bundle(name: string, entry: string, assets: readonly string[] = []): Promise<string> {
  // One directory per function, as Lambda sees it: the bundle and the files it loads.
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'index.mjs');
  for (const asset of assets) copyFileSync(join(ROOT, asset), join(dir, asset.split('/').pop()!));
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    target: BUNDLING.target,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    logLevel: 'error',
  });
  return outfile;
}

const RUNNER = join(OUT, 'runner.mjs');

/** One fresh process: spawn → bundle imported and handler a function → 'ready'. */
function coldStart(file: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [RUNNER, file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) {
        const ms = performance.now() - started;
        child.kill();
        done(ms);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      if (!out.includes('ready')) fail(new Error(`cold start of ${file} failed (${code}): ${err.slice(0, 500)}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureFunctions(env: NodeJS.ProcessEnv, runs = 7, rounds = 3): Promise<FunctionFigure[]> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    RUNNER,
    "const m = await import(process.argv[2]);\nif (typeof m.handler !== 'function') throw new Error('no handler');\nprocess.stdout.write('ready\\n');\nsetInterval(() => {}, 1000);\n",
  );
  const deployed = { ...env, NODE_OPTIONS: RUNTIME_NODE_OPTIONS };
  const sourceMapped = { ...env, NODE_OPTIONS: '--enable-source-maps' };
  const baselineFile = await bundle('baseline-get-item', 'bench/baseline/get-item.ts');
  const baselineBytes = statSync(baselineFile).size;
  const figures: FunctionFigure[] = [];
  const only = process.env.COLD_START_ONLY?.split(',');
  for (const fn of [...httpFunctions, ...eventFunctions]) {
    if (only && !only.includes(fn.name)) continue;
    const assets: readonly string[] = ('assets' in fn ? fn.assets : undefined) ?? [];
    const file = await bundle(fn.name, fn.entry, assets);
    await coldStart(file, deployed); // warm the file cache once, like a Lambda image on disk
    await coldStart(baselineFile, deployed);
    const pairs = async (e: NodeJS.ProcessEnv) => {
      const subject: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < runs; i++) {
        subject.push(await coldStart(file, e));
        base.push(await coldStart(baselineFile, e));
      }
      return { subject: median(subject), base: median(base) };
    };
    const perRound: { subject: number; base: number }[] = [];
    for (let r = 0; r < rounds; r++) perRound.push(await pairs(deployed));
    const ratios = perRound.map((p) => p.subject / p.base).sort((a, b) => a - b);
    const mapped = await pairs(sourceMapped);
    figures.push({
      name: fn.name,
      bundleBytes: statSync(file).size,
      assetBytes: assets.reduce((sum, a) => sum + statSync(join(ROOT, a)).size, 0),
      coldStartMs: round(median(perRound.map((p) => p.subject)), 1),
      baseline: { bundleBytes: baselineBytes, coldStartMs: round(median(perRound.map((p) => p.base)), 1) },
      ratio: { min: round(ratios[0], 2), median: round(median(ratios), 2), max: round(ratios[ratios.length - 1], 2), rounds, pairsPerRound: runs },
      nodeOptions: RUNTIME_NODE_OPTIONS,
      withSourceMaps: { coldStartMs: round(mapped.subject, 1), baselineMs: round(mapped.base, 1), ratio: round(mapped.subject / mapped.base, 2) },
    });
  }
  return figures;
}

// `tsx bench/cold-start.ts`: the functions alone (COLD_START_ONLY=a,b to pick some).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { tables } = await import('../functions/manifest');
  const { tableEnv } = await import('../local/tables');
  // Handlers only read their configuration at start; nothing is called, so no database is needed.
  const env = { ...process.env, ...tableEnv(tables), DYNAMODB_ENDPOINT: 'http://127.0.0.1:1', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', MAIL_FROM: 'bench@docket.local', POWERTOOLS_LOG_LEVEL: 'ERROR' };
  for (const f of await measureFunctions(env)) console.log(JSON.stringify(f));
}
