// `npm run check`: validates every article in the content folder with the code the site builds with.
// Runs under Node with type stripping: erasable TypeScript only, relative imports with `.ts`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkArticles } from '../tooling/check-articles.ts';
import { countNoun } from '../model/count-noun.ts';
import { startCommand } from './site-settings.ts';

const USAGE = `Usage: npm run check [-- --config FILE] [--content DIR]

Checks every article under <content>/articles as the build does — front-matter against the schema, one
address per article, a body that survives sanitising, photos that exist and decode — and prints every problem at once.
Exit status: 0 when there is none, 1 when there are problems, 2 on a usage or configuration error.`;

async function main(): Promise<number> {
	const start = await startCommand(
		{
			options: {
				config: { type: 'string', default: 'astro.config.mjs' },
				content: { type: 'string' },
				'time-zone': { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false },
			},
		},
		USAGE,
	);
	if (typeof start === 'number') return start;
	const { values } = start.parsed;
	const { settings } = start;
	const root = process.cwd();
	const content = values.content ?? settings.content;
	const started = performance.now();
	const result = await checkArticles({
		root,
		directory: path.resolve(root, content, 'articles'),
		timeZone: values['time-zone'] ?? settings.timeZone,
		read: (file) => readFileSync(path.join(root, file)),
		photos: { contentDirectory: path.resolve(root, content), remoteImages: settings.remoteImages },
		shards: settings.shards,
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);

	for (const skipped of result.ignored) console.log(`note: ${skipped.file} is not loaded (${skipped.reason})`);
	for (const warning of result.warnings) console.log(`warning: ${warning}`);
	if (result.problems.length === 0) {
		const drafts = result.drafts ? ` and ${countNoun(result.drafts, 'draft')}` : '';
		console.log(`${countNoun(result.articles, 'article')}${drafts} in ${path.join(content, 'articles')}: no problems (${seconds} s)`);
		return 0;
	}
	const files = new Set(result.problems.map((problem) => problem.file)).size;
	for (const line of result.lines) console.log(line);
	console.log(`\n${countNoun(result.problems.length, 'problem')} in ${countNoun(files, 'file')} (of ${result.files}); the site will not build until they are fixed.`);
	return 1;
}

process.exitCode = await main();
