// Bundles every function exactly as the stack deploys it (lib/function.ts BUNDLING) and
// measures its size (the bundle and the files deployed beside it: assets such as
// highs.wasm and the lazy entries such as solver.mjs; raw and gzip) and whole-process cold start: a fresh `node` importing the bundle until its
// handler is ready, interleaved with the baseline, with the NODE_OPTIONS the stack
// deploys (RUNTIME_NODE_OPTIONS) for both. Two clocks per start: wall time (spawn to
// "ready") and the child's own CPU time (user + system at "ready"), which a machine
// shared with other work disturbs far less. Several rounds of N pairs: the figure is the
// median of the rounds' medians, with the rounds' ratios as min/median/max, since one
// round can cross a budget on noise alone. One more round with --enable-source-maps
// (what the stack set before, issue 17) shows what run-time source maps cost.
// COLD_START_COMPARE=<dir> also measures <dir>/<name>/index.mjs (bundles kept from
// another commit) in the same interleaving, as `compare`, for before/after figures.
import '../local/env';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { buckets, eventFunctions, httpFunctions } from '../functions/manifest';
import { BUNDLING, ROOT, RUNTIME_NODE_OPTIONS, lazyEntryFile } from '../lib/function';
import { round } from './measure';

/** min / median / max of the rounds' ratios. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface FunctionFigure {
  name: string;
  bundleBytes: number;
  /** The bundle gzipped (what the deployment package roughly weighs). */
  bundleGzipBytes?: number;
  /** Files deployed beside the bundle (highs.wasm and solver.mjs for scheduling), bytes. */
  assetBytes?: number;
  coldStartMs: number;
  baseline: { bundleBytes: number; coldStartMs: number };
  /** Cold start / baseline per round: min, median, max over the rounds. */
  ratio?: { min: number; median: number; max: number; rounds: number; pairsPerRound: number };
  /** The child's CPU time (user + system) until ready, median of the rounds' medians. */
  cpuMs?: number;
  baselineCpuMs?: number;
  /** CPU time / baseline CPU time per round: min, median, max. */
  cpuRatio?: Spread;
  /** Bundles from COLD_START_COMPARE measured in the same interleaving. */
  compare?: { dir: string; coldStartMs: number; cpuMs: number; ratio: Spread; cpuRatio: Spread; bundleBytes: number };
  /** NODE_OPTIONS both were measured with. */
  nodeOptions?: string;
  /** One round with --enable-source-maps for both, for comparison. */
  withSourceMaps?: { coldStartMs: number; baselineMs: number; ratio: number };
  /**
   * Instructions executed from spawn to the handler imported (callgrind, `node
   * --single-threaded`), beside the baseline's: the same on a busy machine as on a quiet
   * one, unlike the times above. Absent when valgrind is not installed.
   */
  instructions?: { subject: number; baseline: number; ratio: number };
}

const OUT = join(ROOT, 'bench', 'results', 'tmp');

/** What is deployed beside a function's bundle: files copied as they are, and modules it imports on first use. */
export interface Beside {
  assets?: readonly string[];
  lazyEntries?: readonly string[];
}

/** The options of every bundle (lib/function.ts BUNDLING), for esbuild's API. */
const options: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  minify: BUNDLING.minify,
  sourcemap: BUNDLING.sourceMap,
  target: BUNDLING.target,
  mainFields: [...BUNDLING.mainFields],
  banner: { js: BUNDLING.banner },
  logLevel: 'error',
};

/**
 * One file built with the BUNDLING options; esbuild's account of what went into it is
 * written beside it (index.mjs → index.meta.json, as NodejsFunction's `metafile` names
 * it), for the bench only: it is not part of what the stack deploys.
 */
export async function buildFile(entry: string, outfile: string): Promise<void> {
  const { metafile } = await build({ ...options, entryPoints: [join(ROOT, entry)], outfile, metafile: true });
  writeFileSync(outfile.replace(/\.mjs$/, '.meta.json'), JSON.stringify(metafile));
}

/** The function's directory under `out` (bench/results/tmp by default): index.mjs and the files beside it. */
export async function bundle(name: string, entry: string, beside: Beside = {}, out = OUT): Promise<string> {
  // One directory per function, as Lambda sees it: the bundle and the files it loads.
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'index.mjs');
  for (const asset of beside.assets ?? []) copyFileSync(join(ROOT, asset), join(dir, asset.split('/').pop()!));
  await buildFile(entry, outfile);
  // Each lazy entry a file of its own beside the bundle, as lib/function.ts's hook builds it.
  for (const lazy of beside.lazyEntries ?? []) await buildFile(lazy, join(dir, lazyEntryFile(lazy)));
  return outfile;
}

/** Bytes deployed beside a bundle built by bundle(): its assets and its lazy entries' files. */
function besideBytes(name: string, beside: Beside): number {
  const files = [...(beside.assets ?? []).map((a) => a.split('/').pop()!), ...(beside.lazyEntries ?? []).map(lazyEntryFile)];
  return files.reduce((sum, f) => sum + statSync(join(OUT, name, f)).size, 0);
}

const RUNNER = join(OUT, 'runner.mjs');
const RUNNER_ONCE = join(OUT, 'runner-once.mjs');

/**
 * Instructions a fresh process executes to import the bundle and find its handler, counted
 * by callgrind: deterministic to a fraction of a percent, so a ratio of them is what the
 * timed rounds estimate, without the noise of a shared machine (`--single-threaded`: V8
 * compiles on the main thread, so no background thread's share goes uncounted). Null when
 * valgrind is missing or COLD_START_INSTRUCTIONS=0.
 */
function instructionsOf(file: string, env: NodeJS.ProcessEnv): number | null {
  if (process.env.COLD_START_INSTRUCTIONS === '0') return null;
  const out = join(OUT, 'callgrind.out');
  const run = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, '--single-threaded', RUNNER_ONCE, file], { env, encoding: 'utf8' });
  if (run.error) return null; // valgrind not installed
  if (run.status !== 0) throw new Error(`callgrind run of ${file} failed (${run.status}): ${run.stderr.slice(-500)}`);
  const totals = /^(?:summary|totals):\s+(\d+)/m.exec(readFileSync(out, 'utf8'));
  return totals ? Number(totals[1]) : null;
}

/** One fresh process: spawn → bundle imported and handler a function → 'ready'. */
function coldStart(file: string, env: NodeJS.ProcessEnv): Promise<{ wall: number; cpu: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [RUNNER, file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = /ready (\{.*\})\n/.exec(out);
      if (line) {
        const wall = performance.now() - started;
        child.kill();
        done({ wall, cpu: (JSON.parse(line[1]) as { cpuMs: number }).cpuMs });
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      if (!out.includes('ready')) fail(new Error(`cold start of ${file} failed (${code}): ${err.slice(0, 500)}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const spread = (xs: number[]): Spread => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { min: round(sorted[0], 2), median: round(median(sorted), 2), max: round(sorted[sorted.length - 1], 2) };
};

export async function measureFunctions(env: NodeJS.ProcessEnv, runs = 5, rounds = 5): Promise<FunctionFigure[]> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(RUNNER_ONCE, "const m = await import(process.argv[2]);\nif (typeof m.handler !== 'function') throw new Error('no handler');\nprocess.exit(0);\n");
  writeFileSync(
    RUNNER,
    "const m = await import(process.argv[2]);\nif (typeof m.handler !== 'function') throw new Error('no handler');\nconst u = process.cpuUsage();\nprocess.stdout.write(`ready ${JSON.stringify({ cpuMs: (u.user + u.system) / 1000 })}\\n`);\nsetInterval(() => {}, 1000);\n",
  );
  // The SDK's notice that Node 20 goes out of support in 2027 is written at load on this
  // machine only (Lambda runs Node 24): it would be time the deployed function never spends.
  // Bucket names as the stack sets them: the functions granted a bucket check it at start.
  const bucketEnv = Object.fromEntries(buckets.map((b) => [b.envVar, `docket-${b.id}`]));
  const common = { ...bucketEnv, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const deployed = { ...common, NODE_OPTIONS: RUNTIME_NODE_OPTIONS };
  const sourceMapped = { ...common, NODE_OPTIONS: '--enable-source-maps' };
  const baselineFile = await bundle('baseline-get-item', 'bench/baseline/get-item.ts');
  const baselineBytes = statSync(baselineFile).size;
  const baselineInstructions = instructionsOf(baselineFile, deployed);
  const figures: FunctionFigure[] = [];
  const only = process.env.COLD_START_ONLY?.split(',');
  const compareDir = process.env.COLD_START_COMPARE;
  runs = Number(process.env.COLD_START_PAIRS ?? runs);
  rounds = Number(process.env.COLD_START_ROUNDS ?? rounds);
  for (const fn of [...httpFunctions, ...eventFunctions]) {
    if (only && !only.includes(fn.name)) continue;
    const file = await bundle(fn.name, fn.entry, fn);
    const other = compareDir && existsSync(join(compareDir, fn.name, 'index.mjs')) ? join(compareDir, fn.name, 'index.mjs') : undefined;
    await coldStart(file, deployed); // warm the file cache once, like a Lambda image on disk
    await coldStart(baselineFile, deployed);
    if (other) await coldStart(other, deployed);
    type Round = { subject: number; base: number; subjectCpu: number; baseCpu: number; other: number; otherCpu: number };
    const pairs = async (e: NodeJS.ProcessEnv, withOther: boolean): Promise<Round> => {
      const t = { subject: [] as number[], base: [] as number[], subjectCpu: [] as number[], baseCpu: [] as number[], other: [] as number[], otherCpu: [] as number[] };
      for (let i = 0; i < runs; i++) {
        const a = await coldStart(file, e);
        const b = await coldStart(baselineFile, e);
        t.subject.push(a.wall);
        t.subjectCpu.push(a.cpu);
        t.base.push(b.wall);
        t.baseCpu.push(b.cpu);
        if (withOther && other) {
          const c = await coldStart(other, e);
          t.other.push(c.wall);
          t.otherCpu.push(c.cpu);
        }
      }
      const m = (xs: number[]) => (xs.length ? median(xs) : 0);
      return { subject: m(t.subject), base: m(t.base), subjectCpu: m(t.subjectCpu), baseCpu: m(t.baseCpu), other: m(t.other), otherCpu: m(t.otherCpu) };
    };
    const perRound: Round[] = [];
    for (let r = 0; r < rounds; r++) perRound.push(await pairs(deployed, true));
    const mapped = await pairs(sourceMapped, false);
    const med = (key: keyof Round) => round(median(perRound.map((p) => p[key])), 1);
    const bytes = readFileSync(file);
    const instructions = baselineInstructions === null ? null : instructionsOf(file, deployed);
    figures.push({
      name: fn.name,
      bundleBytes: bytes.length,
      bundleGzipBytes: gzipSync(bytes).length,
      assetBytes: besideBytes(fn.name, fn),
      coldStartMs: med('subject'),
      baseline: { bundleBytes: baselineBytes, coldStartMs: med('base') },
      ratio: { ...spread(perRound.map((p) => p.subject / p.base)), rounds, pairsPerRound: runs },
      cpuMs: med('subjectCpu'),
      baselineCpuMs: med('baseCpu'),
      cpuRatio: spread(perRound.map((p) => p.subjectCpu / p.baseCpu)),
      ...(other
        ? {
            compare: {
              dir: compareDir!,
              coldStartMs: med('other'),
              cpuMs: med('otherCpu'),
              ratio: spread(perRound.map((p) => p.other / p.base)),
              cpuRatio: spread(perRound.map((p) => p.otherCpu / p.baseCpu)),
              bundleBytes: statSync(other).size,
            },
          }
        : {}),
      nodeOptions: RUNTIME_NODE_OPTIONS,
      withSourceMaps: { coldStartMs: round(mapped.subject, 1), baselineMs: round(mapped.base, 1), ratio: round(mapped.subject / mapped.base, 2) },
      ...(instructions !== null && baselineInstructions !== null ? { instructions: { subject: instructions, baseline: baselineInstructions, ratio: round(instructions / baselineInstructions, 3) } } : {}),
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

export interface SizeRow {
  file: string;
  bytes: number;
  gzipBytes: number;
}
export interface AssetSizes {
  /** frontend/dist as deployed to the site bucket (source maps listed apart). */
  frontend: SizeRow[];
  frontendBytes: number;
  frontendGzipBytes: number;
  /** Each Lambda bundle, its source map (deployed beside it, never loaded) and the files beside it (assets, lazy entries). */
  functions: { name: string; bytes: number; gzipBytes: number; mapBytes: number; assetBytes: number }[];
}

/** Sizes of everything deployed: the site (built as `npm run build` does) and every function bundle. */
export async function assetSizes(): Promise<AssetSizes> {
  const { buildFrontend, DIST } = await import('../frontend/build');
  await buildFrontend();
  const { readdirSync } = await import('node:fs');
  const row = (dir: string, file: string): SizeRow => {
    const bytes = readFileSync(join(dir, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  };
  const frontend = readdirSync(DIST).map((f) => row(DIST, f));
  const served = frontend.filter((r) => !r.file.endsWith('.map'));
  const functions: AssetSizes['functions'] = [];
  for (const fn of [...httpFunctions, ...eventFunctions]) {
    const file = await bundle(fn.name, fn.entry, fn);
    const { bytes, gzipBytes } = row(join(OUT, fn.name), 'index.mjs');
    functions.push({
      name: fn.name,
      bytes,
      gzipBytes,
      mapBytes: existsSync(`${file}.map`) ? statSync(`${file}.map`).size : 0,
      assetBytes: besideBytes(fn.name, fn),
    });
  }
  return {
    frontend,
    frontendBytes: served.reduce((s, r) => s + r.bytes, 0),
    frontendGzipBytes: served.reduce((s, r) => s + r.gzipBytes, 0),
    functions,
  };
}
