// Maps a stack trace logged by a deployed function back to the TypeScript sources.
// Functions run without --enable-source-maps (parsing the map at every cold start made
// them 1.2-1.4x a bare handler, issue 17), so their logged stacks name index.mjs:line:col
// of the minified bundle. The map is built beside the bundle (lib/function.ts sourceMap)
// and ships in the same deployment package: it is in cdk.out/asset.<hash>/index.mjs.map
// of the synth that deployed, and in the function's code package (Lambda GetFunction
// gives a link to it). A file built beside the bundle (the manifest's lazyEntries, e.g.
// the scheduling function's solver.mjs) has its own map beside it: frames of that file
// are mapped with that map. Usage:
//   npx tsx scripts/map-stack.ts path/to/index.mjs.map < stack.txt
//   npx tsx scripts/map-stack.ts path/to/solver.mjs.map < stack.txt
// Reads the stack (or a JSON log line whose error.stack holds it) from stdin and prints
// it with every bundle frame replaced by source file:line:column (function name).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SourceMap } from 'node:module';

const [mapFile] = process.argv.slice(2);
if (!mapFile) {
  console.error('usage: tsx scripts/map-stack.ts <index.mjs.map | solver.mjs.map> < stack.txt');
  process.exit(2);
}
const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
/** The built file the map is of: index.mjs.map → index.mjs. */
const built = basename(mapFile).replace(/\.map$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const frame = new RegExp(`(?:file:\\/\\/)?[^\\s()]*${built}:(\\d+):(\\d+)`, 'g');

/** One frame "…index.mjs:12:345" → "src/file.ts:10:4 (name)"; other text unchanged. */
export function mapLine(line: string): string {
  return line.replace(frame, (whole, l: string, c: string) => {
    const entry = map.findEntry(Number(l) - 1, Number(c) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number; name?: string };
    if (!entry?.originalSource) return whole;
    const source = entry.originalSource.replace(/^.*?\/(functions|node_modules)\//, '$1/');
    return `${source}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}${entry.name ? ` (${entry.name})` : ''}`;
  });
}

let input = readFileSync(0, 'utf8');
try {
  // A structured log line: Powertools puts the stack under error.stack.
  const parsed = JSON.parse(input) as { error?: { stack?: string }; stack?: string };
  input = parsed.error?.stack ?? parsed.stack ?? input;
} catch {
  // plain text
}
process.stdout.write(`${input.split('\n').map(mapLine).join('\n')}\n`);
