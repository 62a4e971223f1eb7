import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/**
 * Builds an archive's `content/` with Clippings into `folder/dist/` (cache in `folder/.cache/`), through a
 * config written into `folder`, and returns the build's wall time in seconds.
 * @example buildClippingsArchive('bench/.work/search', 'bench/.work/reuters-1000/content') // 41.2
 */
export function buildClippingsArchive(folder: string, content: string): number {
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
	const started = performance.now();
	execFileSync(path.join(BIN, 'astro'), ['build', '--config', path.relative(ROOT, config)], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' },
	});
	return (performance.now() - started) / 1000;
}
