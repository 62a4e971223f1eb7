// `npm run build:portable`: after `astro build`, writes a copy of the archive that works opened from disk
// (`file://`, e.g. a USB stick) with no server: relative links, classic scripts and a search that needs no server.
// Runs under Node with type stripping: erasable TypeScript only, relative imports with `.ts`.
import path from 'node:path';
import { writePortableCopy } from '../integrations/portable.ts';
import { getSearchRecordsFile, readSearchRecords } from '../integrations/search.ts';
import { loadCacheDir, startCommand } from './site-settings.ts';

const USAGE = `Usage: npm run build:portable [-- --config FILE] [--dist DIR] [--out DIR] [--records FILE]

Builds the archive (astro build), then copies DIR (default dist) to OUT (default dist-portable) in a form that
works opened from disk: open OUT/index.html in a browser, or copy OUT to a USB stick. The search index is made
from the records the build kept in its cache folder, or from FILE (a build's clippings-search-records.jsonl).`;

async function main(): Promise<number> {
	const start = await startCommand(
		{
			options: {
				config: { type: 'string', default: 'astro.config.mjs' },
				dist: { type: 'string', default: 'dist' },
				out: { type: 'string', default: 'dist-portable' },
				records: { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false },
			},
		},
		USAGE,
	);
	if (typeof start === 'number') return start;
	const { values } = start.parsed;
	const { settings } = start;
	const started = performance.now();
	const dist = path.resolve(values.dist);
	const out = path.resolve(values.out);
	const records = readSearchRecords(values.records ? path.resolve(values.records) : getSearchRecordsFile(await loadCacheDir(values.config)));
	const result = await writePortableCopy({ dist, out, base: settings.base, records });
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`portable archive: ${result.pages} pages, ${result.records} stories searchable offline (index in ${result.searchParts} parts, the largest ${Math.ceil(result.largestPart / 1024)} KB), in ${path.relative(process.cwd(), out) || out} (${seconds} s)`);
	console.log(`open ${path.join(out, 'index.html')} in a browser, or copy the folder to a USB stick`);
	return 0;
}

process.exitCode = await main();
