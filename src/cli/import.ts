// `npm run import -- <files|folders> [--source NAME] [--dry-run] [--report report.json]`
// Runs under Node with type stripping: erasable TypeScript only, relative imports with `.ts`.
import { writeFileSync } from 'node:fs';
import { importArticles, type ImportReport, type ImportResult } from '../lib/import/import-articles.ts';
import { isInteractive, startCommand } from './site-settings.ts';

const USAGE = `Usage: npm run import -- <files or folders…> [options]

Reads raw wire text, headline-first text, Markdown from other generators (Jekyll, Hugo, Zola, Eleventy)
and saved news web pages (.html), and writes them as articles into the archive's content folder.

Options:
  --source NAME     the source (publisher) of inputs that name none; also the spelling used when an
                    input names it differently (REUTERS, Reuter → Reuters)
  --dry-run         decide everything, write nothing
  --keep-remote-images
                    link a saved page's photos that weren't saved with it (the site then needs
                    remoteImages: true); by default they are left out and listed in the report
  --report FILE     write every input's outcome as JSON
  --config FILE     the site's Astro config (default: astro.config.mjs)
  --content DIR     the content folder, instead of the one the config names
  --time-zone ZONE  the archive's time zone, instead of the one the config names
  -h, --help        show this help

Exit status: 0 when every input was imported or already present, 1 when any was rejected, 2 on a usage error.
See docs/import.md.`;

async function main(): Promise<number> {
	const start = await startCommand(
		{
			allowPositionals: true,
			options: {
				source: { type: 'string' },
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

	const timeZone = values['time-zone'] ?? settings.timeZone;
	try {
		new Intl.DateTimeFormat('en', { timeZone });
	} catch {
		console.error(`--time-zone "${timeZone}" is not an IANA time zone such as "America/New_York" or "UTC"`);
		return 2;
	}

	const progress = createProgress(process.stderr);
	const report = await importArticles(positionals, {
		root: process.cwd(),
		content: values.content ?? settings.content,
		timeZone,
		source: values.source?.trim(),
		dryRun: values['dry-run'],
		keepRemoteImages: values['keep-remote-images'],
		onResult: progress.update,
	});
	progress.done();

	if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, '\t')}\n`);
	printSummary(report, values.report);
	return report.counts.rejected > 0 ? 1 : 0;
}

/** A progress bar redrawn in place on a terminal; one plain line per input elsewhere (pipes, CI logs). */
function createProgress(stream: NodeJS.WriteStream) {
	const interactive = isInteractive(stream);
	const counts = { imported: 0, present: 0, rejected: 0 };
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
	}
}

function printSummary(report: ImportReport, reportFile: string | undefined): void {
	const { imported, present, rejected } = report.counts;
	const verb = report.dryRun ? 'would import' : 'imported';
	console.log(`\n${verb} ${imported} · already present ${present} · rejected ${rejected}${report.dryRun ? '  (dry run: nothing was written)' : ''}`);
	if (rejected > 0) {
		console.log('\nRejected:');
		for (const result of report.results) if (result.status === 'rejected') console.log(`  ${result.input}: ${result.reason}`);
		console.log('\nReasons:');
		for (const group of report.reasons) console.log(`  ${String(group.count).padStart(5)} × ${group.reason}`);
	}
	if (reportFile) console.log(`\nEvery input's outcome: ${reportFile}`);
}

process.exitCode = await main();
