// Builds the static site to frontend/dist: one ES module bundle, the stylesheet and
// the page. No inline script or style, so the CSP needs no 'unsafe-inline'.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
export const DIST = join(here, 'dist');

export async function buildFrontend(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  await build({
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: join(DIST, 'app.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: ['es2022'],
    logLevel: 'warning',
  });
  copyFileSync(join(here, 'index.html'), join(DIST, 'index.html'));
  copyFileSync(join(here, 'src', 'app.css'), join(DIST, 'app.css'));
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await buildFrontend();
  console.log(`frontend built to ${DIST}`);
}
