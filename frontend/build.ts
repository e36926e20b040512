// Builds the static site to frontend/dist: one ES module bundle and the stylesheet, both
// named after a hash of their content (app.3KX9Q2ZT.js) so they can be cached for good,
// and the page that names them, which is never cached (nor is config.json): a deploy
// is visible on the next load. No inline script or style, so the CSP needs no
// 'unsafe-inline'.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
export const DIST = join(here, 'dist');

export async function buildFrontend(): Promise<void> {
  await buildFrontendSized();
}

/** Builds, and answers each output's size in bytes (the bundle and the stylesheet, no maps). */
export async function buildFrontendSized(): Promise<Record<string, number>> {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const result = await build({
    entryPoints: { app: join(here, 'src', 'main.ts'), style: join(here, 'src', 'app.css') },
    outdir: DIST,
    entryNames: '[name].[hash]',
    // Pages' heavy parts (the QR decoder) load when used, as chunks named by their hash.
    splitting: true,
    chunkNames: 'chunk.[hash]',
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: ['es2022'],
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
  const script = outputs.find((f) => /^app\.\w+\.js$/.test(f));
  const style = outputs.find((f) => /^style\.\w+\.css$/.test(f));
  if (!script || !style) throw new Error(`frontend build: missing outputs in ${outputs.join(', ')}`);
  const html = readFileSync(join(here, 'index.html'), 'utf8').replace('/app.css', `/${style}`).replace('/app.js', `/${script}`);
  writeFileSync(join(DIST, 'index.html'), html);
  // Files served as they are (robots.txt, the icon), next to the bundles.
  if (existsSync(join(here, 'public'))) cpSync(join(here, 'public'), DIST, { recursive: true });
  return Object.fromEntries(Object.entries(result.metafile.outputs).filter(([p]) => !p.endsWith('.map')).map(([p, o]) => [basename(p), o.bytes]));
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const sizes = await buildFrontendSized();
  console.log(`frontend built to ${DIST}: ${Object.entries(sizes).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KiB`).join(', ')}`);
}
