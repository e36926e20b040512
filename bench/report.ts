// Writes bench/results/latest.json, latest.md and two SVG charts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetSizes, FunctionFigure } from './cold-start';
import type { HttpFigure } from './http-load';
import type { BenchResults } from './types';

export interface Report extends BenchResults {
  at: string;
  machine: { node: string; cpus: number; model: string; memGb: number };
  functions: FunctionFigure[];
  http: HttpFigure[];
  /** Everything deployed, raw and gzip (issue 17). */
  sizes?: AssetSizes;
  yearlyCostUsd: number;
  yearlyCost?: unknown;
}

function costLines(cost: unknown): string[] {
  const c = cost as
    | { dynamo: number; lambda: number; api: number; requests: number; services?: Record<string, number>; assumptions?: Record<string, unknown>; lines: { operation: string; perYear: number; usd: number; pricedAs?: string }[] }
    | undefined;
  if (!c) return [];
  return [
    ...(c.services
      ? [
          '| service | USD a year |',
          '|---|---:|',
          ...Object.entries(c.services).map(([k, v]) => `| ${k} | ${v.toFixed(2)} |`),
          '',
          `Assumptions: ${Object.entries(c.assumptions ?? {})
            .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`)
            .join('; ')}.`,
          '',
        ]
      : []),
    `DynamoDB $${c.dynamo}, Lambda $${c.lambda} (512 MB, 50 ms average), HTTP API $${c.api}, for ${c.requests} requests a year:`,
    '',
    '| operation | a year | USD | priced as |',
    '|---|---:|---:|---|',
    ...c.lines.map((l) => `| ${l.operation} | ${l.perYear} | ${l.usd.toFixed(4)} | ${l.pricedAs ?? ''} |`),
  ];
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '–');
const spread = (x: { min: number; median: number; max: number }) => `${x.min.toFixed(2)} / ${x.median.toFixed(2)} / ${x.max.toFixed(2)}`;

export function markdown(r: Report): string {
  const lines = [
    `# Docket benchmarks — ${r.at}`,
    '',
    `Machine: ${r.machine.model}, ${r.machine.cpus} cores, ${r.machine.memGb} GB, Node ${r.machine.node}. Figures beside a baseline measured in the same run; ratios matter, not absolute times.`,
    '',
    '## Functions as deployed (budget: cold start ≤ 1.10× the bare GetCommand handler, issue 17)',
    '',
    `NODE_OPTIONS as deployed: "${r.functions[0]?.nodeOptions ?? ''}" for the function and the baseline alike; ${r.functions[0]?.ratio ? `${r.functions[0].ratio.rounds} rounds of ${r.functions[0].ratio.pairsPerRound} interleaved pairs, ` : ''}× baseline per round as min/median/max, on wall time (spawn to ready) and on the process's own CPU time (user + system until ready, which a shared machine disturbs far less); one round with --enable-source-maps for both; and the instructions a start executes (callgrind, \`node --single-threaded\`: deterministic, so the figure a busy machine cannot move). Bundle sizes count the files deployed beside the bundle (highs.wasm, solver.mjs).`,
    '',
    '| function | bundle KB (+ assets) | gzip KB | × baseline | cold start ms | × baseline wall (min/median/max) | CPU ms | × baseline CPU (min/median/max) | with source maps × | M instructions | × baseline instructions |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.functions.map(
      (f) =>
        `| ${f.name} | ${(f.bundleBytes / 1024).toFixed(1)}${f.assetBytes ? ` + ${(f.assetBytes / 1024).toFixed(0)}` : ''} | ${f.bundleGzipBytes ? (f.bundleGzipBytes / 1024).toFixed(1) : '–'} | ${ratio(f.bundleBytes + (f.assetBytes ?? 0), f.baseline.bundleBytes)} | ${f.coldStartMs} | ${f.ratio ? spread(f.ratio) : ratio(f.coldStartMs, f.baseline.coldStartMs)} | ${f.cpuMs ?? '–'} | ${f.cpuRatio ? spread(f.cpuRatio) : '–'} | ${f.withSourceMaps?.ratio.toFixed(2) ?? '–'} | ${f.instructions ? Math.round(f.instructions.subject / 1e6) : '–'} | ${f.instructions?.ratio.toFixed(3) ?? '–'} |`,
    ),
    r.functions[0] ? `| *baseline* | ${(r.functions[0].baseline.bundleBytes / 1024).toFixed(1)} | | 1.00 | ${r.functions[0].baseline.coldStartMs} | 1.00 | ${r.functions[0].baselineCpuMs ?? '–'} | 1.00 | | ${r.functions[0].instructions ? Math.round(r.functions[0].instructions.baseline / 1e6) : '–'} | 1.00 |` : '',
    '',
    ...(r.functions.some((f) => f.compare)
      ? [
          `Before/after in the same interleaving (bundles of the earlier commit from ${r.functions.find((f) => f.compare)?.compare?.dir}):`,
          '',
          '| function | before KB | after KB | before × wall | after × wall | before × CPU | after × CPU |',
          '|---|---:|---:|---:|---:|---:|---:|',
          ...r.functions
            .filter((f) => f.compare)
            .map((f) => `| ${f.name} | ${(f.compare!.bundleBytes / 1024).toFixed(1)} | ${(f.bundleBytes / 1024).toFixed(1)} | ${spread(f.compare!.ratio)} | ${f.ratio ? spread(f.ratio) : '–'} | ${spread(f.compare!.cpuRatio)} | ${f.cpuRatio ? spread(f.cpuRatio) : '–'} |`),
          '',
        ]
      : []),
    ...(r.sizes
      ? [
          `## Deployed sizes: site ${(r.sizes.frontendBytes / 1024).toFixed(1)} KB (gzip ${(r.sizes.frontendGzipBytes / 1024).toFixed(1)} KB) without source maps`,
          '',
          '| asset | bytes | gzip |',
          '|---|---:|---:|',
          ...r.sizes.frontend.map((x) => `| site ${x.file} | ${x.bytes} | ${x.gzipBytes} |`),
          ...r.sizes.functions.map((x) => `| λ ${x.name} (map ${x.mapBytes}${x.assetBytes ? `, assets ${x.assetBytes}` : ''}) | ${x.bytes} | ${x.gzipBytes} |`),
          '',
        ]
      : []),
    '## Warm latency, handler in-process against DynamoDB Local (budget: p50 overhead ≤ 1 ms)',
    '',
    'Baseline: the DynamoDB calls each route needs, timed inside the SDK client on the same calls; overhead: route time minus that, call by call (middleware, validation, logging and the domain work itself, e.g. rendering a QR).',
    '',
    '| route | n | p50 ms | p99 ms | SDK calls p50 (baseline) | overhead p50 |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.routes.map((x) => `| ${x.route} | ${x.n} | ${x.p50Ms} | ${x.p99Ms} | ${x.baselineP50Ms} | ${(x.overheadP50Ms ?? x.p50Ms - x.baselineP50Ms).toFixed(3)} |`),
    '',
    '## Consumed capacity (DynamoDB on-demand prices, us-east-1, 2026-11-28)',
    '',
    '| operation | RCU | WCU | USD per million |',
    '|---|---:|---:|---:|',
    ...r.capacity.map((c) => `| ${c.operation} | ${c.rcu} | ${c.wcu} | ${c.usdPerMillion} |`),
    '',
    `Yearly cost estimate for the 2020 volumes (everything the stack deploys): **$${r.yearlyCostUsd}**`,
    '',
    ...costLines(r.yearlyCost),
    '',
    '## Throughput with invariants',
    '',
    '| operation | concurrency | ops/s | invariant held |',
    '|---|---:|---:|---|',
    ...r.throughput.map((t) => `| ${t.operation} | ${t.concurrency} | ${t.opsPerSec} | ${t.invariantHeld ? 'yes' : '**NO**'}${t.detail ? ` (${t.detail})` : ''} |`),
    '',
    '## Local runtime over HTTP (autocannon from a separate process, loopback)',
    '',
    'req/s counts 2xx answers only; errors are every other status plus connection errors and timeouts; median of the rounds with min–max.',
    '',
    '| path | 2xx req/s (min–max) | p99 ms (min–max) | errors (non-2xx) | rounds × s, connections |',
    '|---|---:|---:|---:|---|',
    ...r.http.map(
      (h) =>
        `| ${h.path} | ${h.rps}${h.rpsMin !== undefined ? ` (${h.rpsMin}–${h.rpsMax})` : ''} | ${h.p99Ms}${h.p99MsMin !== undefined ? ` (${h.p99MsMin}–${h.p99MsMax})` : ''} | ${h.errors}${h.non2xx !== undefined ? ` (${h.non2xx})` : ''} | ${h.rounds ? `${h.rounds} × ${h.secondsPerRound}, ${h.connections}` : '1 run, in process'} |`,
    ),
    '',
    '## Scheduler',
    '',
    '| n requests | ms | objective | optimum | placed |',
    '|---:|---:|---:|---:|---:|',
    ...r.scheduler.map((s) => `| ${s.n} | ${s.ms} | ${s.objective} | ${s.optimum ?? '–'} | ${s.placed ?? '–'} |`),
    '',
    '## Solver (issue 17): default budget beside a longer annealing reference',
    '',
    '| size | score | reference | ratio | proven gap | ms (min/median/max) | evaluations | reference |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
    ...(r.solver ?? []).map(
      (s) =>
        `| ${s.size} | ${s.score} | ${s.referenceScore ?? '–'} | ${s.ratio ?? '–'} | ${s.provenGap ?? '–'} | ${s.msMin ?? '–'} / ${s.ms} / ${s.msMax ?? '–'} | ${s.evaluations ?? '–'}${s.searchTimedOut ? ' (safety net)' : ''} | ${s.reference ?? ''} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

const esc = (s: string) => s.replace(/[<&>]/g, (c) => ({ '<': '&lt;', '&': '&amp;', '>': '&gt;' })[c]!);

export function coldStartSvg(functions: FunctionFigure[]): string {
  const rowH = 26;
  const width = 640;
  const left = 130;
  const max = Math.max(1, ...functions.flatMap((f) => [f.coldStartMs, f.baseline.coldStartMs]));
  const scale = (width - left - 60) / max;
  const rows = functions
    .map((f, i) => {
      const y = 30 + i * rowH * 1.6;
      return [
        `<text x="${left - 8}" y="${y + 10}" text-anchor="end">${esc(f.name)}</text>`,
        `<rect x="${left}" y="${y}" width="${(f.coldStartMs * scale).toFixed(1)}" height="10" fill="#0b4f8a"/>`,
        `<text x="${left + f.coldStartMs * scale + 4}" y="${y + 9}">${f.coldStartMs} ms</text>`,
        `<rect x="${left}" y="${y + 12}" width="${(f.baseline.coldStartMs * scale).toFixed(1)}" height="10" fill="#9aa5b1"/>`,
        `<text x="${left + f.baseline.coldStartMs * scale + 4}" y="${y + 21}">baseline ${f.baseline.coldStartMs} ms</text>`,
      ].join('');
    })
    .join('\n');
  const height = 40 + functions.length * rowH * 1.6;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11"><text x="10" y="16" font-weight="bold">Cold start per function (blue) vs bare GetCommand baseline (grey)</text>\n${rows}\n</svg>\n`;
}

export function solverSvg(points: { n: number; ms: number }[]): string {
  const w = 640;
  const h = 320;
  const pad = 50;
  if (points.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="60"><text x="10" y="30">no scheduler figures</text></svg>\n`;
  const maxN = Math.max(...points.map((p) => p.n));
  const maxMs = Math.max(1, ...points.map((p) => p.ms));
  const x = (n: number) => pad + (n / maxN) * (w - 2 * pad);
  const y = (ms: number) => h - pad - (ms / maxMs) * (h - 2 * pad);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.n).toFixed(1)},${y(p.ms).toFixed(1)}`).join(' ');
  const dots = points.map((p) => `<circle cx="${x(p.n).toFixed(1)}" cy="${y(p.ms).toFixed(1)}" r="3" fill="#0b4f8a"/><text x="${x(p.n) + 5}" y="${y(p.ms) - 5}">${p.n}: ${p.ms} ms</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="11"><text x="10" y="16" font-weight="bold">Solver time against accepted requests</text><line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#333"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#333"/><path d="${path}" fill="none" stroke="#0b4f8a" stroke-width="2"/>${dots}</svg>\n`;
}

export function writeReport(dir: string, report: Report) {
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), markdown(report));
  writeFileSync(join(dir, 'cold-start.svg'), coldStartSvg(report.functions));
  writeFileSync(join(dir, 'solver.svg'), solverSvg(report.scheduler));
}
