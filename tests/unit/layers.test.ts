import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/**
 * The layers of `src/`, lowest first. A module may import from its own layer or one below it, never above:
 * the model knows nothing of the archive, what is derived once per build knows nothing of the outputs, and
 * nothing but Astro's own glue and the tools sits on top.
 */
const LAYERS: { name: string; folders: string[] }[] = [
	{ name: 'model', folders: ['model', 'i18n'] },
	{ name: 'derived', folders: ['derived'] },
	{ name: 'outputs', folders: ['outputs'] },
	{ name: 'astro glue and browser', folders: ['loader', 'integrations', 'components', 'layouts', 'pages', 'scripts', 'content.config.ts', 'env.d.ts', 'styles'] },
	{ name: 'tooling', folders: ['tooling', 'cli'] },
];

function layerOf(file: string): number {
	const top = path.relative(SRC, file).split(path.sep)[0]!;
	const index = LAYERS.findIndex((layer) => layer.folders.includes(top));
	if (index === -1) throw new Error(`${path.relative(SRC, file)} is in no layer; add its folder to LAYERS`);
	return index;
}

const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
	.filter((file) => /\.(ts|mjs|js|astro)$/.test(file))
	.map((file) => path.join(SRC, file));

const importsOf = (file: string) =>
	[...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+|new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => path.resolve(path.dirname(file), match[1]!));

describe('the layers of src/', () => {
	test('every module of src/ belongs to a layer', () => {
		expect(() => files.forEach(layerOf)).not.toThrow();
	});

	test('no module imports from a layer above its own', () => {
		const upward = files.flatMap((file) =>
			importsOf(file)
				.filter((target) => target.startsWith(SRC) && layerOf(target) > layerOf(file))
				.map((target) => `${path.relative(SRC, file)} (${LAYERS[layerOf(file)]!.name}) imports ${path.relative(SRC, target)} (${LAYERS[layerOf(target)]!.name})`),
		);
		expect(upward).toEqual([]);
	});

	test('the model touches no Astro module, so the tools and tests run it as plain functions', () => {
		const astro = files
			.filter((file) => layerOf(file) === 0)
			.filter((file) => /from\s+['"](astro:|virtual:)/.test(readFileSync(file, 'utf8')))
			.map((file) => path.relative(SRC, file));
		expect(astro).toEqual([]);
	});
});
