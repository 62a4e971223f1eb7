// `npm run import -- <files|folders> [--source NAME] [--dry-run] [--report report.json]`
// Runs under Node with type stripping: erasable TypeScript only, relative imports with `.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { isArticleDate, isTimeZone } from '../model/dates.ts';
import { importArticles } from '../tooling/import/import-articles.ts';
import type { ImportReport, ImportResult } from '../tooling/import/import-report.ts';
import { isInteractive, startCommand } from './site-settings.ts';

const USAGE = `Usage: npm run import -- <files or folders…> [options]

Reads raw wire text, headline-first text, Markdown from other generators (Jekyll, Hugo, Zola, Eleventy),
saved news web pages (.html), WordPress exports (WXR) and RSS 2.0 / Atom feeds (.xml), and writes them as
articles into the archive's content folder.

Options:
  --source NAME     the source (publisher) of inputs that name none; also the spelling used when an
                    input names it differently (REUTERS, Reuter → Reuters)
  --date YYYY-MM-DD the day of inputs whose text and path name none, for a batch that is one day's edition
  --names FILE      a table of author ids and the names to print (tab-separated: id, name; # comments),
                    for blogs whose posts name authors by id (authors: [mhz] → Michelle Hertzfeld)
  --permalink URL   where another generator's posts were published, e.g.
                    "https://18f.gsa.gov/:year/:month/:day/:slug/": gives each post its url and makes
                    its root-relative links and {{ site.baseurl }} point at that site
  --link-media      with --permalink: images and embedded players become links to them on the old site
                    ([Image: alt](https://…)), for an offline archive that has not the image files
  --wire NAME       a wire or publisher whose name alone as a credit ("By NAME") is the source, not a
                    byline; AFP, AP, Reuters, dpa, Xinhua and other known wires need not be given, nor those
                    in the site's wires setting (repeatable)
  --dry-run         decide everything, write nothing
  --keep-remote-images
                    link a saved page's photos that weren't saved with it, and a WordPress export's
                    photos missing from the copy of wp-content/uploads beside it (the site then needs
                    remoteImages: true); by default they are left out and listed in the report
  --report FILE     write every input's outcome as JSON
  --config FILE     the site's Astro config (default: astro.config.mjs)
  --content DIR     the content folder, instead of the one the config names
  --time-zone ZONE  the archive's time zone, instead of the one the config names
  -h, --help        show this help

Exit status: 0 when every input was imported, already present or skipped (an export's pages, attachments…),
1 when any was rejected, 2 on a usage error.
See docs/import.md.`;

async function main(): Promise<number> {
	const start = await startCommand(
		{
			allowPositionals: true,
			options: {
				source: { type: 'string' },
				wire: { type: 'string', multiple: true },
				date: { type: 'string' },
				names: { type: 'string' },
				permalink: { type: 'string' },
				'link-media': { type: 'boolean', default: false },
				'dry-run': { type: 'boolean', default: false },
				'keep-remote-images': { type: 'boolean', default: false },
				report: { type: 'string' },
				config: { type: 'string', default: 'astro.config.mjs' },
				content: { type: 'string' },
				'time-zone': { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false },
			},
		},
		USAGE,
	);
	if (typeof start === 'number') return start;
	const { values, positionals } = start.parsed;
	const { settings } = start;
	if (positionals.length === 0) {
		console.error(`Name at least one file or folder to import.\n\n${USAGE}`);
		return 2;
	}
	if (values.source !== undefined && values.source.trim() === '') {
		console.error('--source needs a name, e.g. --source Reuters');
		return 2;
	}

	if (values.date !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(values.date) && isArticleDate(values.date))) {
		console.error(`--date "${values.date}" is not a day like 2005-02-27`);
		return 2;
	}

	if (values.permalink !== undefined && !/^https?:\/\/[^/]+/.test(values.permalink)) {
		console.error(`--permalink "${values.permalink}" is not an address like "https://example.org/:year/:month/:day/:slug/"`);
		return 2;
	}
	if (values['link-media'] && values.permalink === undefined) {
		console.error('--link-media needs --permalink, the site the images are on');
		return 2;
	}
	let names: Record<string, string> | undefined;
	if (values.names !== undefined) {
		const table = readNamesTable(values.names);
		if (typeof table === 'string') {
			console.error(table);
			return 2;
		}
		names = table;
	}

	const timeZone = values['time-zone'] ?? settings.timeZone;
	if (!isTimeZone(timeZone)) {
		console.error(`--time-zone "${timeZone}" is not an IANA time zone such as "America/New_York" or "UTC"`);
		return 2;
	}

	const progress = createProgress(process.stderr);
	const report = await importArticles(positionals, {
		root: process.cwd(),
		content: values.content ?? settings.content,
		timeZone,
		source: values.source?.trim(),
		editionDate: values.date,
		names,
		permalink: values.permalink,
		linkMedia: values['link-media'],
		wires: [...(settings.wires ?? []), ...(values.wire ?? []).map((wire) => wire.trim()).filter(Boolean)],
		dryRun: values['dry-run'],
		keepRemoteImages: values['keep-remote-images'],
		onResult: progress.update,
	});
	progress.done();

	if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, '\t')}\n`);
	printSummary(report, values.report);
	return report.counts.rejected > 0 ? 1 : 0;
}

/**
 * Reads a names table: one `id<TAB>name` per line, blank lines and `#` comments ignored. Returns the table, or
 * a message naming the file and line that is wrong.
 */
function readNamesTable(file: string): Record<string, string> | string {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		return `--names ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
	}
	const names: Record<string, string> = Object.create(null) as Record<string, string>;
	for (const [index, line] of text.split(/\r?\n/).entries()) {
		if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
		const [id, name, ...rest] = line.split('\t').map((part) => part.trim());
		if (!id || !name || rest.length > 0) return `--names ${file}, line ${index + 1}: expected an id, a tab and a name, e.g. "mhz\tMichelle Hertzfeld"`;
		if (id in names) return `--names ${file}, line ${index + 1}: the id "${id}" is already named on an earlier line`;
		names[id] = name;
	}
	return names;
}

/** A progress bar redrawn in place on a terminal; one plain line per input elsewhere (pipes, CI logs). */
function createProgress(stream: NodeJS.WriteStream) {
	const interactive = isInteractive(stream);
	const counts = { imported: 0, present: 0, rejected: 0, skipped: 0 };
	let lastDraw = 0;
	const draw = (done: number, total: number) => {
		const width = 28;
		const filled = Math.round((done / Math.max(total, 1)) * width);
		const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
		stream.write(`\r\x1b[K${bar} ${done}/${total}  imported ${counts.imported} · present ${counts.present} · rejected ${counts.rejected}`);
	};
	return {
		update(result: ImportResult, done: number, total: number) {
			counts[result.status]++;
			if (!interactive) {
				stream.write(`${formatResult(result)}\n`);
				return;
			}
			if (result.status === 'rejected') stream.write(`\r\x1b[K${formatResult(result)}\n`);
			const now = performance.now();
			if (now - lastDraw > 50 || done === total || result.status === 'rejected') {
				lastDraw = now;
				draw(done, total);
			}
		},
		done() {
			if (interactive) stream.write('\n');
		},
	};
}

function formatResult(result: ImportResult): string {
	switch (result.status) {
		case 'imported':
			return `imported  ${result.input} → ${result.file}`;
		case 'present':
			return `present   ${result.input} = ${result.file}`;
		case 'rejected':
			return `rejected  ${result.input}: ${result.reason}`;
		case 'skipped':
			return `skipped   ${result.input}: ${result.reason}`;
	}
}

function printSummary(report: ImportReport, reportFile: string | undefined): void {
	const { imported, present, rejected, skipped } = report.counts;
	const verb = report.dryRun ? 'would import' : 'imported';
	const passedOver = skipped ? ` · skipped ${skipped} (not posts)` : '';
	console.log(`\n${verb} ${imported} · already present ${present} · rejected ${rejected}${passedOver}${report.dryRun ? '  (dry run: nothing was written)' : ''}`);
	if (report.skippedReasons) {
		console.log('\nSkipped:');
		for (const group of report.skippedReasons) console.log(`  ${String(group.count).padStart(5)} × ${group.reason}`);
	}
	if (rejected > 0) {
		console.log('\nRejected:');
		for (const result of report.results) if (result.status === 'rejected') console.log(`  ${result.input}: ${result.reason}`);
		console.log('\nReasons:');
		for (const group of report.reasons) console.log(`  ${String(group.count).padStart(5)} × ${group.reason}`);
	}
	if (report.undated > 0) {
		const inputs = report.undated === 1 ? '1 input has' : `${report.undated} inputs have`;
		console.log(
			`\n${inputs} no date in the text, front-matter or path. If they are one day's edition, pass --date YYYY-MM-DD;` +
				' otherwise put the day in their folders or names (2005/02/27/story.txt, 2005-02-27/…, 19870302-story.txt).',
		);
	}
	if (reportFile) console.log(`\nEvery input's outcome: ${reportFile}`);
}

process.exitCode = await main();
