import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildFixture, distPath, fixturePath, ROOT } from '../support/fixtures.ts';
import { generateArchive } from '../support/generated-archive.ts';
import { createTempFixture } from '../support/temp-fixture.ts';

// A fixed "now", so two builds of the same content are byte-identical ("On this day", the news sitemap).
const ENV = { SOURCE_DATE_EPOCH: '1753358400' };
const files = generateArchive(150, 7);
const made = createTempFixture('faults', files);
afterAll(() => made.remove());

/** Every file of a build folder and the digest of its bytes. */
function snapshot(folder: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
		const full = path.join(folder, file);
		try {
			result[file] = createHash('sha1').update(readFileSync(full)).digest('hex');
		} catch {
			// a folder
		}
	}
	return result;
}

/** Starts a build and kills it (and every process it started) with SIGKILL once its log shows `moment`. */
function buildAndKillAt(moment: RegExp): Promise<{ killed: boolean; output: string }> {
	const bin = path.join(ROOT, 'node_modules', '.bin');
	const child = spawn(path.join(bin, 'astro'), ['build', '--config', path.join('tests', 'fixtures', made.name, 'astro.config.mjs')], {
		cwd: ROOT,
		env: { ...process.env, ...ENV, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' },
		detached: true,
	});
	let output = '';
	let killed = false;
	return new Promise((resolve) => {
		const watch = (chunk: Buffer) => {
			output += chunk.toString();
			if (!killed && moment.test(output)) {
				killed = true;
				process.kill(-child.pid!, 'SIGKILL');
			}
		};
		child.stdout.on('data', watch);
		child.stderr.on('data', watch);
		child.on('close', () => resolve({ killed, output }));
	});
}

const storyFile = (index: number) => fixturePath(made.name, 'content', 'articles', Object.keys(files)[index]!);

describe('a build killed at any moment loses nothing', () => {
	test('the previous output stays whole after a kill, and the next build equals a clean build byte for byte', async () => {
		const first = await buildFixture(made.name, { env: ENV });
		expect(first.ok, first.output.slice(-2000)).toBe(true);
		const published = snapshot(distPath(made.name));
		expect(Object.keys(published).length).toBeGreaterThan(150);

		// Each kill follows an edit, so the killed build had real work: content to sync, pages to write, an index.
		const moments = [/Syncing content/, /generating static routes/, /indexing the archive for search/];
		for (const [index, moment] of moments.entries()) {
			writeFileSync(storyFile(index), `${readFileSync(storyFile(index), 'utf8')}\nA correction added before kill ${index}.\n`);
			const run = await buildAndKillAt(moment);
			expect(run.killed, `the build finished before ${moment}: ${run.output.slice(-1000)}`).toBe(true);
			expect(snapshot(distPath(made.name)), `after a kill at ${moment}`).toEqual(published);
		}

		const next = await buildFixture(made.name, { env: ENV });
		expect(next.ok, next.output.slice(-2000)).toBe(true);
		const clean = await buildFixture(made.name, { env: ENV, force: true, outDir: 'dist-clean' });
		expect(clean.ok, clean.output.slice(-2000)).toBe(true);
		const after = snapshot(distPath(made.name));
		expect(after).toEqual(snapshot(distPath(made.name, 'dist-clean')));
		expect(after).not.toEqual(published);
	}, 1_500_000);

	test('a corrupted content cache is rebuilt, not trusted', async () => {
		const store = fixturePath(made.name, '.cache', 'data-store.json');
		expect(existsSync(store)).toBe(true);
		writeFileSync(store, readFileSync(store, 'utf8').slice(0, 5000));
		const rebuilt = await buildFixture(made.name, { env: ENV });
		expect(rebuilt.ok, rebuilt.output.slice(-2000)).toBe(true);
		expect(rebuilt.output).toMatch(/150 articles \(150 rendered, 0 unchanged\)/);
		expect(snapshot(distPath(made.name))).toEqual(snapshot(distPath(made.name, 'dist-clean')));
	}, 600_000);
});
