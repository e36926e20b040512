// Bundles every function exactly as the stack deploys it (lib/function.ts BUNDLING) and
// measures its size and whole-process cold start: a fresh `node` importing the bundle
// until its handler is ready, median of N runs, interleaved with the baseline.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { eventFunctions, httpFunctions } from '../functions/manifest';
import { BUNDLING, ROOT } from '../lib/function';
import { round } from './measure';

export interface FunctionFigure {
  name: string;
  bundleBytes: number;
  coldStartMs: number;
  baseline: { bundleBytes: number; coldStartMs: number };
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

export async function measureFunctions(env: NodeJS.ProcessEnv, runs = 11): Promise<FunctionFigure[]> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    RUNNER,
    "const m = await import(process.argv[2]);\nif (typeof m.handler !== 'function') throw new Error('no handler');\nprocess.stdout.write('ready\\n');\nsetInterval(() => {}, 1000);\n",
  );
  const baselineFile = await bundle('baseline-get-item', 'bench/baseline/get-item.ts');
  const baselineBytes = statSync(baselineFile).size;
  const figures: FunctionFigure[] = [];
  for (const fn of [...httpFunctions, ...eventFunctions]) {
    const file = await bundle(fn.name, fn.entry, 'assets' in fn ? fn.assets : []);
    const subject: number[] = [];
    const base: number[] = [];
    await coldStart(file, env); // warm the file cache once, like a Lambda image on disk
    await coldStart(baselineFile, env);
    for (let i = 0; i < runs; i++) {
      subject.push(await coldStart(file, env));
      base.push(await coldStart(baselineFile, env));
    }
    figures.push({
      name: fn.name,
      bundleBytes: statSync(file).size,
      coldStartMs: round(median(subject), 1),
      baseline: { bundleBytes: baselineBytes, coldStartMs: round(median(base), 1) },
    });
  }
  return figures;
}
