/**
 * `npm run bench [-- name…]`: runs the `run()` of every benchmark module in this folder (`bench/*.ts`), or only
 * the named ones (`npm run bench -- import`). Benchmarks print figures; they are not tests and assert nothing.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const names = readdirSync(import.meta.dirname)
	.filter((file) => file.endsWith('.ts') && file !== 'run.ts')
	.map((file) => file.replace(/\.ts$/, ''))
	.sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !names.includes(name));
if (unknown.length > 0) {
	console.error(`No benchmark named ${unknown.join(', ')}; there are: ${names.join(', ')}`);
	process.exit(2);
}

for (const name of wanted.length > 0 ? wanted : names) {
	const module = (await import(pathToFileURL(path.join(import.meta.dirname, `${name}.ts`)).href)) as { run?: () => Promise<void> };
	if (typeof module.run !== 'function') continue;
	console.log(`\n## ${name}\n`);
	await module.run();
}
