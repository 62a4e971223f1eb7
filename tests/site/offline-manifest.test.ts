import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readOfflineManifest } from '../../src/integrations/offline.ts';
import { distPath } from '../support/fixtures.ts';

/** Every file a browser can ask for, as the offline manifest addresses it (pages as folders, with the base path). */
function listServedFiles(dist: string, base: string): Map<string, string> {
	const files = new Map<string, string>();
	for (const name of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
		const file = path.join(dist, name);
		const relative = name.split(path.sep).join('/');
		if (!statSync(file).isFile() || /\.map$|^_(headers|redirects)$|^sw\.js$|^offline\.json$|^offline\//.test(relative)) continue;
		const address = `${base}${encodeURI(relative.replace(/(^|\/)index\.html$/, '$1'))}`;
		files.set(address, createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12));
	}
	return files;
}

describe.each([
	{ fixture: 'search', base: '/news/' },
	{ fixture: 'base-path', base: '/archive/' },
])('the offline manifest of $fixture (base $base)', ({ fixture, base }) => {
	const dist = distPath(fixture);

	test('offline.json holds the totals and the names of the parts, not the list of files', () => {
		const text = readFileSync(path.join(dist, 'offline.json'), 'utf8');
		const { manifest, files, online } = readOfflineManifest(dist);
		expect(manifest.version).toBe(3);
		expect(manifest.files).toBe(files.length);
		expect(manifest.online).toBe(online.length);
		expect(manifest.bytes).toBe(files.reduce((sum, [, , bytes]) => sum + bytes, 0));
		expect(manifest.parts.reduce((sum, [, count]) => sum + count, 0)).toBe(files.length);
		expect(files.length).toBeGreaterThan(20);
		for (const [address] of files) expect(text).not.toContain(`"${address}"`);
	});

	test('every file of the site is in exactly one part, with the revision of its bytes', () => {
		const { files, online } = readOfflineManifest(dist);
		const listed = [...files, ...online];
		expect(new Set(listed.map(([address]) => address)).size).toBe(listed.length);
		expect(new Map(listed.map(([address, revision]) => [address, revision]))).toEqual(listServedFiles(dist, base));
	});

	test('each part is named by a hash of its contents, so an unchanged part keeps its name from build to build', () => {
		const { manifest } = readOfflineManifest(dist);
		const written = readdirSync(path.join(dist, 'offline')).sort();
		expect(written).toEqual(manifest.parts.map(([name]) => `${name}.json`).sort());
		for (const [name] of manifest.parts) {
			const bytes = readFileSync(path.join(dist, 'offline', `${name}.json`));
			expect(createHash('sha256').update(bytes).digest('hex').slice(0, 16)).toBe(name);
		}
	});
});
