/**
 * Build benchmark (`npm run bench -- build`): one generated Reuters archive (`BENCH_ARTICLES`, default 10,000)
 * built, in one run, by
 * - Hugo + the Pagefind CLI (when `hugo` is on PATH): the minimal site in `bench/hugo/`;
 * - Astro's own pipeline as the project had it before its loader: glob loader + Astro's Markdown + the Pagefind
 *   CLI, article pages only;
 * - Clippings: cold (no cache, `--force`), rebuilt with nothing changed, after one story is edited, and after a
 *   day's 50 new stories arrive (taken away again afterwards, so the archive can be reused).
 * Every command is measured over its whole process tree (`support/process-tree.ts`). See `bench/README.md`.
 *
 * `BENCH_BUILDS=hugo,astro,clippings` picks the pipelines; `BENCH_DISTINCT_ADDRESSES=1` leaves out the corpus's
 * repeated headlines (only for a branch whose build still refuses them).
 */
import { accessSync, constants, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { countRenderedRoutes } from './support/clippings-build.ts';
import { measureFolder } from './support/folder-size.ts';
import { measureTree, sequence, type TreeFigures } from './support/process-tree.ts';
import { getArchiveFolderName, getBenchArchiveOptions, readArchiveManifest, removeNewDay, writeNewDay, writeReutersArchive } from './support/reuters.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
// One folder per size, so that runs of two sizes at once never touch each other's outputs.
const BUILD_WORK = path.join(WORK, `build-${COUNT}`);
const NEW_STORIES = 50;
const LOGS = path.join(BUILD_WORK, 'logs');
const BUILDS = new Set((process.env.BENCH_BUILDS ?? 'hugo,astro,clippings').split(',').map((name) => name.trim()));
const EDIT_BACKUP = path.join(BUILD_WORK, 'edited-story.backup');
const ENV = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' };

/** One measured build and what it left in its output folder. */
interface Row {
	name: string;
	figures?: TreeFigures;
	/** Why there are no figures (a failed build, a missing tool). */
	failure?: string;
	/** 1-minute load average when the run started: other work on the machine inflates wall time. */
	load: number;
	html?: number;
	htmlWritten?: number;
	indexMb?: number;
	indexFiles?: number;
	/** Clippings' builds: the routes Astro rendered (not copied from its incremental cache), of all it listed. */
	routes?: { routes: number; rendered: number };
	/** Rows that only detail a sum (Hugo alone, Pagefind alone) print no ratios. */
	detail?: boolean;
}

function findOnPath(command: string): string | undefined {
	for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(folder, command);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// not in this folder
		}
	}
	return undefined;
}

function describeFailure(figures: TreeFigures, log: string): string {
	const lines = readFileSync(log, 'utf8').split('\n');
	const error = lines.find((line) => !/^\s+at /.test(line) && /error|problem|fail/i.test(line)) ?? lines.filter(Boolean).at(-1) ?? '';
	return `exit ${figures.exitCode}: ${error.trim().slice(0, 300)} (log: ${path.relative(ROOT, log)})`;
}

/** Runs one command under measurement, logging to `logs/<name>.log`. */
async function measureStep(label: string, command: string, args: string[], cwd = ROOT): Promise<{ figures: TreeFigures; log: string; since: number; load: number }> {
	const log = path.join(LOGS, `${label}.log`);
	const load = loadavg()[0]!;
	// File times come from a coarse clock: count pages written from a little before the start.
	const since = Date.now() - 20;
	process.stdout.write(`  ${label} … `);
	const figures = await measureTree(command, args, { cwd, env: ENV, log });
	console.log(figures.exitCode === 0 ? `${figures.seconds.toFixed(1)} s` : `FAILED (exit ${figures.exitCode}, see ${path.relative(ROOT, log)})`);
	return { figures, log, since, load };
}

function describeOutput(row: Row, outDir: string, since: number): Row {
	if (!existsSync(outDir)) return row;
	const output = measureFolder(outDir, since);
	const indexDir = path.join(outDir, 'pagefind');
	const index = existsSync(indexDir) ? measureFolder(indexDir) : undefined;
	return { ...row, html: output.html, htmlWritten: output.htmlSince, indexMb: index && index.bytes / 1024 / 1024, indexFiles: index?.files };
}

async function benchHugo(content: string): Promise<Row[]> {
	const hugo = findOnPath('hugo');
	if (!hugo) return [{ name: 'Hugo + Pagefind CLI', failure: '`hugo` is not on PATH (apt-get install hugo)', load: loadavg()[0]! }];
	const folder = path.join(BUILD_WORK, 'hugo');
	const outDir = path.join(folder, 'public');
	const cacheDir = path.join(folder, 'cache');
	rmSync(folder, { recursive: true, force: true });
	// A copy of the site: Hugo locks its folder (.hugo_build.lock) and writes resources/ into it.
	const site = path.join(folder, 'site');
	cpSync(path.join(ROOT, 'bench', 'hugo'), site, { recursive: true, filter: (source) => !/\.hugo_build\.lock$|[/\\]resources$|[/\\]public$/.test(source) });
	return benchPagesThenPagefind({
		label: 'hugo',
		pages: [hugo, ['--source', site, '--contentDir', path.join(content, 'articles'), '--destination', outDir, '--cacheDir', cacheDir, '--quiet']],
		outDir,
		names: { failed: 'Hugo + Pagefind CLI', both: 'Hugo 0.111 + Pagefind CLI', pages: '  Hugo alone (pages, lists, feeds, sitemap)', index: '  Pagefind CLI on Hugo’s pages' },
	});
}

/**
 * A baseline of two commands in sequence: a generator writes the pages into `outDir`, then Pagefind's CLI
 * indexes them. Rows: both together, then each alone.
 */
async function benchPagesThenPagefind({ label, pages: [command, args], outDir, names }: {
	label: string;
	pages: [command: string, args: string[]];
	outDir: string;
	names: { failed: string; both: string; pages: string; index: string };
}): Promise<Row[]> {
	const pages = await measureStep(label, command, args);
	if (pages.figures.exitCode !== 0) return [{ name: names.failed, failure: describeFailure(pages.figures, pages.log), load: pages.load }];
	const index = await measureStep(`${label}-pagefind`, path.join(BIN, 'pagefind'), ['--site', outDir, '--quiet']);
	const both = sequence(pages.figures, index.figures);
	return [
		describeOutput({ name: names.both, figures: both, load: pages.load, failure: both.exitCode ? describeFailure(index.figures, index.log) : undefined }, outDir, pages.since),
		{ name: names.pages, figures: pages.figures, load: pages.load, detail: true },
		{ name: names.index, figures: index.figures, load: index.load, detail: true },
	];
}

function writeAstroBaseline(content: string): string {
	const folder = path.join(BUILD_WORK, 'astro-glob');
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(path.join(folder, 'src', 'pages'), { recursive: true });
	writeFileSync(path.join(folder, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://bench.example.org' });\n`);
	writeFileSync(
		path.join(folder, 'src', 'content.config.ts'),
		`import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
export const collections = {
	articles: defineCollection({
		loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(path.join(content, 'articles'))} }),
		schema: z.object({ title: z.string(), date: z.string(), bylines: z.array(z.string()), source: z.string() }).passthrough(),
	}),
};
`,
	);
	writeFileSync(
		path.join(folder, 'src', 'pages', '[...id].astro'),
		`---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
	return (await getCollection('articles')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en"><head><meta charset="utf-8"><title>{entry.data.title}</title></head>
<body><article data-pagefind-body><h1>{entry.data.title}</h1><p>{entry.data.date} · {entry.data.source}</p><Content /></article></body></html>
`,
	);
	return folder;
}

async function benchAstroGlob(content: string): Promise<Row[]> {
	const folder = writeAstroBaseline(content);
	const outDir = path.join(folder, 'dist');
	return benchPagesThenPagefind({
		label: 'astro-glob',
		pages: [path.join(BIN, 'astro'), ['build', '--root', folder, '--force']],
		outDir,
		names: {
			failed: 'Astro glob loader + Pagefind CLI',
			both: 'Astro 7 glob loader + Astro Markdown + Pagefind CLI',
			pages: '  astro build (article pages only)',
			index: '  Pagefind CLI on its pages',
		},
	});
}

function writeClippingsConfig(content: string): string {
	const folder = path.join(BUILD_WORK, 'clippings');
	mkdirSync(folder, { recursive: true });
	const config = path.join(folder, 'astro.config.mjs');
	const integration = path.relative(folder, path.join(ROOT, 'src', 'integrations', 'clippings.ts')).split(path.sep).join('/');
	writeFileSync(
		config,
		`import { defineConfig } from 'astro/config';
import clippings from ${JSON.stringify(integration)};
export default defineConfig({
	outDir: ${JSON.stringify(path.join(folder, 'dist'))},
	cacheDir: ${JSON.stringify(path.join(folder, '.cache'))},
	integrations: [clippings({ title: 'Bench', url: 'https://bench.example.org', timeZone: 'America/New_York', content: ${JSON.stringify(path.relative(ROOT, content))} })],
});
`,
	);
	return folder;
}

/** Puts back a story a previous, interrupted run left edited. */
function restoreEditedStory(): void {
	if (!existsSync(EDIT_BACKUP)) return;
	const { file, text } = JSON.parse(readFileSync(EDIT_BACKUP, 'utf8')) as { file: string; text: string };
	writeFileSync(file, text);
	rmSync(EDIT_BACKUP);
}

/** Appends a paragraph to one story (the first of the archive's first year), keeping a backup until restored. */
function editOneStory(content: string): void {
	const year = readdirSync(path.join(content, 'articles')).sort()[0]!;
	const file = path.join(content, 'articles', year, readdirSync(path.join(content, 'articles', year)).sort()[0]!);
	const text = readFileSync(file, 'utf8');
	writeFileSync(EDIT_BACKUP, JSON.stringify({ file, text }));
	writeFileSync(file, `${text.trimEnd()}\n\nAn added paragraph for the benchmark.\n`);
}

async function benchClippings(content: string): Promise<Row[]> {
	const folder = writeClippingsConfig(content);
	const outDir = path.join(folder, 'dist');
	rmSync(outDir, { recursive: true, force: true });
	rmSync(path.join(folder, '.cache'), { recursive: true, force: true });
	const astro = path.join(BIN, 'astro');
	const config = ['build', '--config', path.relative(ROOT, path.join(folder, 'astro.config.mjs'))];
	const rows: Row[] = [];
	const measure = async (name: string, label: string, args: string[]): Promise<boolean> => {
		const step = await measureStep(label, astro, args);
		const failure = step.figures.exitCode === 0 ? undefined : describeFailure(step.figures, step.log);
		const routes = countRenderedRoutes(readFileSync(step.log, 'utf8'));
		rows.push(failure ? { name, failure, load: step.load } : describeOutput({ name, figures: step.figures, load: step.load, routes }, outDir, step.since));
		return !failure;
	};
	if (!(await measure('Clippings, cold (no cache, --force)', 'clippings-cold', [...config, '--force']))) return rows;
	await measure('Clippings, nothing changed', 'clippings-unchanged', config);
	// The edit stays while the new day is measured, so that run sees the 50 new stories and nothing else.
	try {
		editOneStory(content);
		await measure('Clippings, one story edited', 'clippings-one-edited', config);
		const day = writeNewDay(content, NEW_STORIES);
		await measure(`Clippings, a day’s ${NEW_STORIES} new stories (${day})`, 'clippings-new-day', config);
	} finally {
		restoreEditedStory();
		removeNewDay(content);
	}
	return rows;
}

const format = {
	seconds: (value: number) => value.toFixed(1),
	mb: (value: number) => (value >= 1000 ? (value / 1024).toFixed(2) + ' GB' : `${Math.round(value)} MB`),
	ratio: (ours: TreeFigures, theirs: TreeFigures | undefined) =>
		theirs ? `${(ours.seconds / theirs.seconds).toFixed(2)}× (CPU ${(ours.cpuSeconds / theirs.cpuSeconds).toFixed(2)}×)` : '—',
	share: (ours: TreeFigures, cold: TreeFigures) =>
		`${Math.round((ours.seconds / cold.seconds) * 100)} % (CPU ${Math.round((ours.cpuSeconds / cold.cpuSeconds) * 100)} %)`,
};

function printTable(rows: Row[], baselines: { hugo?: TreeFigures; astro?: TreeFigures; cold?: TreeFigures }): void {
	console.log('| build | wall s | CPU s (tree) | peak RSS, tree total | peak RSS, largest process | HTML pages (written) | routes rendered | Pagefind index | ÷ Hugo + Pagefind | ÷ Astro glob + Pagefind | % of cold | load |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		const figures = row.figures;
		if (!figures || (row.failure && !row.detail)) {
			console.log(`| ${row.name} | failed: ${row.failure ?? 'no figures'} | | | | | | | | | | ${row.load.toFixed(1)} |`);
			continue;
		}
		const clippings = row.name.startsWith('Clippings');
		const cells = [
			row.name,
			format.seconds(figures.seconds),
			// Without a report from /usr/bin/time, the sampled figure, a lower bound.
			Number.isNaN(figures.cpuSeconds) ? `≥ ${format.seconds(figures.sampledCpuSeconds)}` : format.seconds(figures.cpuSeconds),
			format.mb(figures.peakTreeMb),
			format.mb(Math.max(figures.peakProcessMb, figures.timeMaxRssMb || 0)),
			row.html === undefined ? '' : `${row.html.toLocaleString('en')} (${row.htmlWritten!.toLocaleString('en')})`,
			row.routes === undefined ? '' : `${row.routes.rendered.toLocaleString('en')} of ${row.routes.routes.toLocaleString('en')}`,
			row.indexMb === undefined ? '' : `${row.indexMb.toFixed(1)} MB, ${row.indexFiles!.toLocaleString('en')} files`,
			clippings ? format.ratio(figures, baselines.hugo) : '',
			clippings ? format.ratio(figures, baselines.astro) : '',
			clippings && baselines.cold ? format.share(figures, baselines.cold) : '',
			row.load.toFixed(1),
		];
		console.log(`| ${cells.join(' | ')} |`);
	}
}

/** Runs the build benchmark and prints its figures. */
export async function run(): Promise<void> {
	const options = getBenchArchiveOptions();
	mkdirSync(LOGS, { recursive: true });
	console.log(`\n## Build: ${COUNT.toLocaleString('en')} stories`);
	const generated = performance.now();
	const content = writeReutersArchive(path.join(WORK, getArchiveFolderName(COUNT, options)), COUNT, options);
	const manifest = readArchiveManifest(content);
	restoreEditedStory();
	removeNewDay(content);
	console.log(
		`archive ready in ${((performance.now() - generated) / 1000).toFixed(1)} s: ${manifest.corpusStories.toLocaleString('en')} Reuters stories + ${manifest.recombinedStories.toLocaleString('en')} recombined, ${manifest.repeatedAddresses} repeating an earlier story's address${options.distinctAddresses ? ' (BENCH_DISTINCT_ADDRESSES=1: the corpus’s repeated headlines left out)' : ''}; last day ${manifest.lastDay}`,
	);
	const rows: Row[] = [];
	if (BUILDS.has('hugo')) rows.push(...(await benchHugo(content)));
	if (BUILDS.has('astro')) rows.push(...(await benchAstroGlob(content)));
	if (BUILDS.has('clippings')) rows.push(...(await benchClippings(content)));

	const total = (prefix: string) => rows.find((row) => row.name.startsWith(prefix) && !row.failure)?.figures;
	console.log(`\n${COUNT.toLocaleString('en')} stories · ${cpus()[0]?.model ?? 'unknown CPU'} · ${availableParallelism()} cores · Node ${process.version} · ${new Date().toISOString().slice(0, 16)}Z\n`);
	printTable(rows, { hugo: total('Hugo'), astro: total('Astro'), cold: total('Clippings, cold') });
	console.log(
		'\nwall: start to exit · CPU: user + system seconds of the whole process tree (/usr/bin/time, children included: Pagefind’s binary, Hugo’s threads) · peak RSS: /proc sampled every 50 ms, the largest sum over the tree and the largest single process · HTML pages: .html files in the output (written by this run) · routes rendered: the routes Astro rendered rather than copied from its incremental cache, of all it built (pages, feeds, sitemaps), from its log · index: the pagefind/ folder · ÷ and % of cold: wall time over the baseline’s (CPU seconds over the baseline’s) · load: 1-minute load average at the start (2 cores shared: above ~1 the wall times are inflated)',
	);
	console.log('\nCPU seconds by process, sampled from /proc (a lower bound of the figure above):');
	for (const row of rows) {
		if (!row.figures || row.detail) continue;
		const shares = Object.entries(row.figures.cpuByCommand).sort(([, a], [, b]) => b - a);
		console.log(`- ${row.name.trim()}: ${shares.map(([command, seconds]) => `${command} ${seconds.toFixed(1)}`).join(', ')}`);
	}
	if (rows.some((row) => row.figures && !row.figures.reaped)) console.log('note: no python3 for bench/support/reap.py: the CPU of helpers nobody waited for (esbuild) is missing');
	const gaps = rows.filter((row) => row.figures && row.figures.sampledCpuSeconds > row.figures.cpuSeconds + 1);
	for (const row of gaps) console.log(`note: ${row.name}: sampling saw ${row.figures!.sampledCpuSeconds.toFixed(1)} CPU s, more than /usr/bin/time's ${row.figures!.cpuSeconds.toFixed(1)} (a process that was never waited for)`);
	const results = path.join(BUILD_WORK, `results-${COUNT}.json`);
	writeFileSync(results, `${JSON.stringify({ count: COUNT, options, manifest, rows }, null, '\t')}\n`);
	console.log(`figures as JSON: ${path.relative(ROOT, results)}`);
}

if (import.meta.main) await run();
