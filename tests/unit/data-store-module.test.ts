import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { DATA_STORE_MODULE_ID, readDataStoreFromDisk } from '../../src/integrations/data-store-module.ts';

const root = mkdtempSync(path.join(tmpdir(), 'clippings-data-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Loads the module the plugin makes for a store file, as the built pages would. */
async function loadModule(storeFile: string, name: string): Promise<{ default: unknown }> {
	const plugin = readDataStoreFromDisk(storeFile);
	const load = plugin.load as { filter: { id: RegExp }; handler: () => { code: string; meta: unknown } };
	expect(load.filter.id.test(DATA_STORE_MODULE_ID)).toBe(true);
	expect(load.filter.id.test('astro:data-layer-content')).toBe(false);
	const { code, meta } = load.handler();
	// Marked as Astro marks its own store module, so the incremental build does not fingerprint it as code.
	expect(meta).toEqual({ astroIncremental: { kind: 'content-data' } });
	const module = path.join(root, `${name}.mjs`);
	writeFileSync(module, code);
	return import(pathToFileURL(module).href);
}

describe('readDataStoreFromDisk', () => {
	test('makes Astro’s content-store module read the store file when the pages load it, not hold it', async () => {
		const store = path.join(root, 'data-store.json');
		const flattened = [['Map', 1, 2], 'articles', ['Map']];
		writeFileSync(store, JSON.stringify(flattened));
		const module = await loadModule(store, 'present');
		expect(module.default).toEqual(flattened);
		expect(readDataStoreFromDisk(store).enforce).toBe('pre');
	});

	test('gives an empty store when there is no store file, as Astro’s own module does', async () => {
		const module = await loadModule(path.join(root, 'missing', 'data-store.json'), 'missing');
		expect(module.default).toEqual(new Map());
	});
});
