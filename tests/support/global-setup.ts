import { buildFixture } from './fixtures.ts';

/** Fixture archives the site and browser tests read; each is built once per test run. */
export const FIXTURES = ['basic', 'browse', 'base-path', 'search', 'hostile', 'arabic', 'themed', 'photos'];

/** Builds every fixture before the tests start; a failed build stops the run with its output. */
export default async function setup(): Promise<void> {
	if (process.env.CLIPPINGS_SKIP_FIXTURE_BUILD === '1') return;
	for (const name of FIXTURES) {
		const started = performance.now();
		const result = await buildFixture(name);
		if (!result.ok) throw new Error(`fixture "${name}" failed to build:\n${result.output}`);
		console.log(`built fixture "${name}" in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	}
}
