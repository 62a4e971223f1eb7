import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildFixture, fixturePath, type BuildResult } from './fixtures.ts';

type BuildOptions = NonNullable<Parameters<typeof buildFixture>[1]>;

/** A throwaway archive under tests/fixtures/tmp-<name>/, for builds that are meant to fail. */
export interface TempFixture {
	name: string;
	build: (options?: BuildOptions) => Promise<BuildResult>;
	remove: () => void;
}

/**
 * Writes a small archive (`files` maps paths under `content/articles/` to their text) with a standard
 * config (served from `base`, `/` unless given), so a test can build it and assert on the outcome.
 */
export function createTempFixture(
	name: string,
	files: Record<string, string | Uint8Array>,
	{ base = '/', settings = {} }: { base?: string; /** More settings for `clippings()`, e.g. `{ namesPerPage: 20 }`. */ settings?: Record<string, unknown> } = {},
): TempFixture {
	const fixture = `tmp-${name}`;
	const root = fixturePath(fixture);
	rmSync(root, { recursive: true, force: true });
	mkdirSync(root, { recursive: true });
	writeFileSync(
		path.join(root, 'astro.config.mjs'),
		`import { defineConfig } from 'astro/config';
import clippings from '../../../src/integrations/clippings.ts';
export default defineConfig({
	outDir: './tests/fixtures/${fixture}/dist',
	cacheDir: './tests/fixtures/${fixture}/.cache',
	integrations: [clippings({ title: 'Temp', url: 'https://temp.example.org', base: ${JSON.stringify(base)}, timeZone: 'UTC', content: 'tests/fixtures/${fixture}/content', ...${JSON.stringify(settings)} })],
});
`,
	);
	for (const [file, text] of Object.entries(files)) {
		const target = path.join(root, 'content', 'articles', file);
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, text);
	}
	return { name: fixture, build: (options) => buildFixture(fixture, options), remove: () => rmSync(root, { recursive: true, force: true }) };
}
