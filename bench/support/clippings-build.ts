import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** The environment the benches run Astro in: the project's `node_modules/.bin` first, telemetry off. */
export const BUILD_ENV = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' };

/**
 * Writes the config that builds an archive's `content/` with Clippings into `folder/dist/` (cache in
 * `folder/.cache/`) and returns its path, relative to the project's root (what `--config` takes).
 * @example writeClippingsConfig('bench/.work/portable-1000', 'bench/.work/reuters-1000/content') // 'bench/.work/portable-1000/astro.config.mjs'
 */
export function writeClippingsConfig(folder: string, content: string): string {
	mkdirSync(folder, { recursive: true });
	const config = path.join(folder, 'astro.config.mjs');
	writeFileSync(
		config,
		`import { defineConfig } from 'astro/config';
import clippings from '../../../src/integrations/clippings.ts';
export default defineConfig({
	outDir: ${JSON.stringify(path.join(folder, 'dist'))},
	cacheDir: ${JSON.stringify(path.join(folder, '.cache'))},
	integrations: [clippings({ title: 'Bench', url: 'https://bench.example.org', timeZone: 'America/New_York', content: ${JSON.stringify(path.relative(ROOT, content))} })],
});
`,
	);
	return path.relative(ROOT, config);
}

/**
 * Builds an archive's `content/` with Clippings into `folder/dist/` (cache in `folder/.cache/`), through a
 * config written into `folder`, and returns the build's wall time in seconds.
 * @example buildClippingsArchive('bench/.work/search', 'bench/.work/reuters-1000/content') // 41.2
 */
export function buildClippingsArchive(folder: string, content: string): number {
	const config = writeClippingsConfig(folder, content);
	const started = performance.now();
	execFileSync(path.join(BIN, 'astro'), ['build', '--config', config], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: BUILD_ENV });
	return (performance.now() - started) / 1000;
}

/**
 * How many routes an Astro build's log lists, and how many of them it rendered rather than copied from its
 * incremental cache. Astro logs each route as `├─ /path` (or `└─`); a route it copies is followed at once by
 * ` (restored)` or ` (cached)`, while a rendered route's ` (+12ms)` can land after other routes' lines when
 * pages render concurrently, so rendered routes are counted as the routes not copied.
 * @example countRenderedRoutes('├─ /a/ (+3ms)\n├─ /b/ (restored)\n└─ /c/') // { routes: 3, rendered: 2 }
 */
export function countRenderedRoutes(log: string): { routes: number; rendered: number } {
	const routes = log.match(/[├└]─ \//g)?.length ?? 0;
	const copied = log.match(/[├└]─ \/\S* \((?:restored|cached)\)/g)?.length ?? 0;
	return { routes, rendered: routes - copied };
}
