// The scheduling function's solver as deployed (issue 17): a file of its own, solver.mjs,
// beside index.mjs (the manifest's `lazyEntries`), which the first proposal imports
// (scheduling/load-solver.ts). Packaging is what can break here and the source-level
// tests cannot see it, so this builds the files both ways they are built, bench/
// cold-start.ts's bundle() and the stack's NodejsFunction (lib/function.ts's hook, at
// synth), and solves a proposal through the built files in a plain `node`, as Lambda runs
// them: the loader as bundled finds solver.mjs beside itself, and HiGHS finds highs.wasm.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFile, bundle } from '../../bench/cold-start';
import { httpFunctions } from '../../functions/manifest';
import { SOLVER_FILE } from '../../functions/scheduling/load-solver';
import { DocketFunction, lazyEntryFile } from '../../lib/function';
import { instance178 } from '../support/scheduling';

const scheduling = httpFunctions.find((f) => f.name === 'scheduling')!;
// Small enough for HiGHS to prove at once: the test is about the files, not the solver.
const instance = { ...instance178(), hearings: instance178().hearings.slice(0, 6) };

/** What the solver modules only the proposal needs come from (esbuild metafile inputs). */
const SOLVER_ONLY = [/node_modules\/highs\//, /functions\/scheduling\/(solver|search|mip|days|heuristic)\.ts$/];

interface Solved {
  placed: number;
  provenGap: number | null;
  mipStatus: string;
}

/**
 * A proposal's solve in a fresh `node`, through `module`: either a bundled loader (its
 * export loadSolver) or the built solver itself (its export solve). HiGHS must run
 * ('always'): a missing highs.wasm fails instead of falling back to the search.
 */
function solveThrough(module: string): Solved {
  const script = `
    const m = await import(process.env.MODULE);
    const { solve } = m.loadSolver ? await m.loadSolver() : m;
    const s = await solve(JSON.parse(process.env.INSTANCE), { mip: 'always', timeLimitSeconds: 20, evaluations: 1000, rounds: 10 });
    process.stdout.write(JSON.stringify({ placed: s.placements.length, provenGap: s.provenGap, mipStatus: s.mipStatus }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, MODULE: pathToFileURL(module).href, INSTANCE: JSON.stringify(instance) },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Solved;
}

const expectProven = (solved: Solved) => {
  expect(solved.placed).toBe(instance.hearings.length);
  expect(solved.mipStatus).not.toMatch(/failed/);
  expect(solved.provenGap).not.toBeNull();
};

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'docket-lazy-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the solver, a file loaded on first proposal', () => {
  it('is named in the manifest as the file the loader imports', () => {
    expect(scheduling.lazyEntries).toEqual(['functions/scheduling/solver.ts']);
    expect(lazyEntryFile(scheduling.lazyEntries![0])).toBe(SOLVER_FILE);
  });

  it('is left out of the bundle bench/cold-start.ts builds, and a proposal solves through the bundled loader', async () => {
    const index = await bundle(scheduling.name, scheduling.entry, scheduling, out);
    const dir = join(out, scheduling.name);
    const inputsOf = (file: string) => Object.keys((JSON.parse(readFileSync(join(dir, file), 'utf8')) as { inputs: Record<string, unknown> }).inputs);
    const main = inputsOf('index.meta.json');
    const solver = inputsOf('solver.meta.json');
    // The function's start parses none of the solver; the solver's file has all of it.
    for (const only of SOLVER_ONLY) {
      expect(main.filter((f) => only.test(f))).toEqual([]);
      expect(solver.some((f) => only.test(f)), String(only)).toBe(true);
    }
    expect(main).toContain('functions/scheduling/load-solver.ts');
    // No second logger (solve() is given the function's): the file carries no state of the bundle's.
    expect(solver.filter((f) => /@aws-lambda-powertools|functions\/shared\/logger/.test(f))).toEqual([]);
    expect(readFileSync(index, 'utf8')).toContain(SOLVER_FILE);
    expect(existsSync(join(dir, 'highs.wasm'))).toBe(true);
    // The loader as the bundle carries it, built the same way into the same directory: its
    // import is resolved from its own file, as index.mjs's is, and reaches solver.mjs.
    const beside = join(dir, 'load-solver-probe.mjs');
    await buildFile('functions/scheduling/load-solver.ts', beside);
    expectProven(solveThrough(beside));
  }, 120_000);

  it('is built beside the bundle by the stack at synth, with highs.wasm', () => {
    const app = new App({ outdir: join(out, 'cdk.out') });
    const stack = new Stack(app, 'Lazy', { env: { account: '111111111111', region: 'us-east-1' } });
    new DocketFunction(stack, 'Scheduling', { name: scheduling.name, entry: scheduling.entry, assets: scheduling.assets, lazyEntries: scheduling.lazyEntries });
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory)
      .map((d) => join(assembly.directory, d))
      .filter((d) => existsSync(join(d, 'index.mjs')));
    expect(assets).toHaveLength(1);
    const [asset] = assets;
    expect(readdirSync(asset).sort()).toEqual(['highs.wasm', 'index.mjs', 'index.mjs.map', 'solver.mjs', 'solver.mjs.map']);
    const index = readFileSync(join(asset, 'index.mjs'), 'utf8');
    expect(index).toContain(SOLVER_FILE);
    expect(index).not.toContain('highs.wasm');
    expectProven(solveThrough(join(asset, SOLVER_FILE)));
  }, 120_000);
});
