import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { distPath } from '../support/fixtures.ts';
import { generateArchive } from '../support/generated-archive.ts';
import { createTempFixture, type TempFixture } from '../support/temp-fixture.ts';

const created: TempFixture[] = [];
afterAll(() => created.forEach((made) => made.remove()));

function archive(name: string, count: number): TempFixture {
	const made = createTempFixture(name, generateArchive(count));
	created.push(made);
	return made;
}

const articlePages = (name: string) =>
	readdirSync(distPath(name), { recursive: true, encoding: 'utf8' }).filter((file) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file)).length;

describe('the build scales', () => {
	test('an archive of 600 stories builds with at most 200 files open at once', async () => {
		// Before the loader read a bounded number of files at a time, it opened every article at once and
		// stopped with EMFILE as soon as the archive outgrew the limit.
		const made = archive('open-files', 600);
		const result = await made.build({ openFiles: 200 });
		expect(result.ok, result.output.slice(-3000)).toBe(true);
		expect(result.output).not.toMatch(/EMFILE/);
		expect(articlePages(made.name)).toBe(600);
	}, 300_000);

	test('building 2,000 stories takes at most 2.5 times as long as building 1,000', async () => {
		const small = archive('scale-1000', 1000);
		const large = archive('scale-2000', 2000);
		const time = async (made: TempFixture) => {
			const started = performance.now();
			const result = await made.build({ force: true });
			expect(result.ok, result.output.slice(-3000)).toBe(true);
			return performance.now() - started;
		};
		const smallMs = await time(small);
		const largeMs = await time(large);
		expect(articlePages(small.name)).toBe(1000);
		expect(articlePages(large.name)).toBe(2000);
		expect(largeMs / smallMs, `1,000 stories: ${Math.round(smallMs)} ms; 2,000 stories: ${Math.round(largeMs)} ms`).toBeLessThanOrEqual(2.5);
	}, 1_500_000);
});
