// `npm run combine -- <out> <shard dist>…`: puts the builds of a sharded archive's shards together into one
// site of plain static files (README, "Beyond one machine").
// Runs under Node with type stripping: erasable TypeScript only, relative imports with `.ts`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { combineShards } from '../tooling/combine-shards.ts';

const USAGE = `Usage: npm run combine -- <out> <shard dist>…

Combines the builds of an archive's shards (each built with CLIPPINGS_SHARD=<name> astro build --outDir <dist>)
into one site in <out>: each shard in <out>/<name>/, and at the root a page listing the shards, /search/ (which
searches every shard), robots.txt, 404.html and _headers. Checks first that the shards are all the shards of one archive,
built from the same content, and never overwrites a file in <out> with other content.
Exit status: 0 when combined, 1 when the shards don't make one archive or a file would be overwritten, 2 on a usage error.`;

function main(): number {
	let positionals: string[];
	try {
		const parsed = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
		if (parsed.values.help) {
			console.log(USAGE);
			return 0;
		}
		positionals = parsed.positionals;
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	const [out, ...dirs] = positionals;
	if (!out || dirs.length === 0) {
		console.error(USAGE);
		return 2;
	}
	const started = performance.now();
	try {
		const result = combineShards(path.resolve(out), dirs);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		for (const shard of result.shards) console.log(`  ${shard.name}: ${shard.stories} stories, ${shard.files} files`);
		console.log(
			`combined ${result.shards.length} shards (${result.stories} stories) into ${path.relative(process.cwd(), out) || out}: ${result.files} files written` +
				(result.unchanged > 0 ? `, ${result.unchanged} already there` : '') +
				` in ${seconds} s`,
		);
		return 0;
	} catch (error) {
		console.error((error as Error).message);
		return 1;
	}
}

process.exitCode = main();
