#!/usr/bin/env node
/**
 * Builds the dashboard page into dist/dashboard/ (or the directory given with
 * --outdir): the TypeScript under dashboard/src bundled with Chart.js into one
 * script, beside the static index.html, styles.css and favicon.svg. Everything
 * the page loads is in that directory; no CDN, no web font.
 *
 *   node scripts/build-dashboard.mjs [--outdir dist/dashboard]
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'dashboard');
const STATIC_FILES = ['index.html', 'styles.css', 'favicon.svg'];

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(root, values.outdir ?? 'dist/dashboard');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await esbuild.build({
  entryPoints: [join(sources, 'src', 'main.ts')],
  outfile: join(outdir, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  // Chart.js is MIT-licensed: its notice travels with the bundle.
  legalComments: 'eof',
  logLevel: 'warning',
  tsconfig: join(sources, 'tsconfig.json'),
});
await Promise.all(STATIC_FILES.map((name) => copyFile(join(sources, name), join(outdir, name))));
console.log(`dashboard built in ${outdir}`);
