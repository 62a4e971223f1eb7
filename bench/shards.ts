/**
 * Shards benchmark (`npm run bench -- shards`): one archive of `BENCH_ARTICLES` (10,000) recombined Reuters
 * stories dated over 1987–2026, built in one run
 * - whole, as one site (`astro build --force`);
 * - as two shards split by years, one after the other (two CI jobs on one runner, or one machine's day);
 * - as the same two shards both at once (two processes: what a CI matrix does on two machines, here sharing 2 cores);
 * then the shards combined (`npm run combine`), and first searches in a cold Chromium over the combined site
 * (every shard's index) against the whole build's site. Every build is measured over its whole process tree
 * (`support/process-tree.ts`). See `bench/README.md`.
 */
import { readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/support/browser.ts';
import { measureFolder } from './support/folder-size.ts';
import { measureTree, sequence, type TreeFigures } from './support/process-tree.ts';
import { getArchiveFolderName, writeReutersArchive } from './support/reuters.ts';
import { measure, serveLikeAHost, type Subject } from './search.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
const FOLDER = path.join(WORK, `shards-${COUNT}`);
const LOGS = path.join(FOLDER, 'logs');
const ENV = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' };
const FIRST_QUERIES = ['oil prices', 'coffee', 'interest rates'];

interface Row {
	name: string;
	figures: TreeFigures;
	load: number;
	/** Rows that only detail the one above. */
	detail?: boolean;
}

/** The two shards: the archive's years split where about half the stories fall on each side. */
function splitYears(content: string): { name: string; from: number; to: number }[] {
	const articles = path.join(content, 'articles');
	const years = readdirSync(articles)
		.filter((name) => /^\d{4}$/.test(name))
		.map((year) => ({ year: Number(year), stories: readdirSync(path.join(articles, year)).length }))
		.sort((a, b) => a.year - b.year);
	const total = years.reduce((sum, { stories }) => sum + stories, 0);
	let seen = 0;
	const split = years.find(({ stories }) => (seen += stories) >= total / 2)!.year;
	const first = years[0]!.year;
	const last = years.at(-1)!.year;
	return [
		{ name: `${first}-${split}`, from: first, to: split },
		{ name: `${split + 1}-${last}`, from: split + 1, to: last },
	];
}

function writeConfig(content: string, shards: { name: string; from: number; to: number }[]): string {
	const integration = path.relative(FOLDER, path.join(ROOT, 'src', 'integrations', 'clippings.ts')).split(path.sep).join('/');
	writeFileSync(
		path.join(FOLDER, 'astro.config.mjs'),
		`import { defineConfig } from 'astro/config';
import clippings from ${JSON.stringify(integration)};
export default defineConfig({
	outDir: ${JSON.stringify(path.join(FOLDER, 'dist-whole'))},
	// One cache per shard (set here, where \`--force\` sees it): the two shards build at once without sharing one.
	cacheDir: ${JSON.stringify(path.join(FOLDER, '.cache'))} + '/' + (process.env.CLIPPINGS_SHARD ?? 'whole'),
	integrations: [clippings({ title: 'Bench', url: 'https://bench.example.org', timeZone: 'America/New_York', content: ${JSON.stringify(path.relative(ROOT, content))}, shards: ${JSON.stringify(shards)} })],
});
`,
	);
	return path.relative(ROOT, path.join(FOLDER, 'astro.config.mjs'));
}

async function step(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ figures: TreeFigures; load: number }> {
	const load = loadavg()[0]!;
	process.stdout.write(`  ${label} … `);
	const log = path.join(LOGS, `${label}.log`);
	const figures = await measureTree(command, args, { cwd: ROOT, env, log });
	if (figures.exitCode !== 0) throw new Error(`${label} failed (exit ${figures.exitCode}); see ${path.relative(ROOT, log)}`);
	console.log(`${figures.seconds.toFixed(1)} s`);
	return { figures, load };
}

/** What the first search costs in a cold browser: bytes until results show, and last key → results. */
async function measureFirstSearches(dist: string, searchPath: string): Promise<{ query: string; bytes: number; requests: number; ms: number }[]> {
	const server = await serveLikeAHost(dist);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
	try {
		const subject: Subject = {
			name: 'search page',
			url: `${server.origin}${searchPath}`,
			input: '#search-q',
			shown: (query) => document.querySelector<HTMLElement>('[data-search-page]')?.dataset.shown === `?${new URLSearchParams({ q: query })}`,
		};
		const rows = [];
		for (const query of FIRST_QUERIES) {
			const { first } = await measure(browser, subject, dist, server.origin, query);
			rows.push({ query, bytes: first.pageBytes + first.searchBytes, requests: first.requests, ms: first.ms });
		}
		return rows;
	} finally {
		await browser.close();
		await server.close();
	}
}

export async function run(): Promise<void> {
	console.log(`\n## Shards: ${COUNT.toLocaleString('en')} stories`);
	const content = writeReutersArchive(path.join(WORK, getArchiveFolderName(COUNT, { spread: true })), COUNT, { spread: true });
	rmSync(FOLDER, { recursive: true, force: true });
	mkdirSync(LOGS, { recursive: true });
	const shards = splitYears(content);
	const config = writeConfig(content, shards);
	const astro = path.join(BIN, 'astro');
	const outDir = (name: string) => path.join(FOLDER, `dist-${name}`);
	const shardArgs = (name: string) => ['build', '--config', config, '--force', '--outDir', outDir(name)];
	console.log(`shards: ${shards.map(({ name }) => name).join(', ')} (${path.relative(ROOT, content)})`);

	const rows: Row[] = [];
	const whole = await step('whole', astro, ['build', '--config', config, '--force']);
	rows.push({ name: 'whole archive, one build', ...whole });

	const one = await step(`shard-${shards[0]!.name}`, astro, shardArgs(shards[0]!.name), { ...ENV, CLIPPINGS_SHARD: shards[0]!.name });
	const two = await step(`shard-${shards[1]!.name}`, astro, shardArgs(shards[1]!.name), { ...ENV, CLIPPINGS_SHARD: shards[1]!.name });
	rows.push({ name: 'two shards, one after the other', figures: sequence(one.figures, two.figures), load: one.load });
	rows.push({ name: `  shard ${shards[0]!.name}`, ...one, detail: true });
	rows.push({ name: `  shard ${shards[1]!.name}`, ...two, detail: true });

	// Both at once, under one measured shell, so the peak is the two builds' memory at the same moment.
	const script = shards.map(({ name }) => `CLIPPINGS_SHARD=${name} "${astro}" ${shardArgs(name).map((arg) => `"${arg}"`).join(' ')} > "${path.join(LOGS, `parallel-${name}.log`)}" 2>&1 & pids="$pids $!"`).join('\n');
	const both = await step('both-at-once', 'bash', ['-c', `${script}\nstatus=0; for pid in $pids; do wait $pid || status=1; done; exit $status`]);
	rows.push({ name: 'two shards, both at once', ...both });

	const site = path.join(FOLDER, 'site');
	const combine = await step('combine', path.join(BIN, 'node'), ['src/cli/combine.ts', site, ...shards.map(({ name }) => outDir(name))]);
	rows.push({ name: '`npm run combine` (copy into one site)', ...combine });

	console.log(`\n${COUNT.toLocaleString('en')} stories · ${cpus()[0]?.model ?? 'unknown CPU'} · ${availableParallelism()} cores · Node ${process.version} · ${new Date().toISOString().slice(0, 16)}Z\n`);
	const base = whole.figures;
	console.log('| build | wall s | CPU s (tree) | peak RSS, tree total | ÷ whole (wall) | load |');
	console.log('|---|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		const { figures } = row;
		console.log(
			`| ${row.name} | ${figures.seconds.toFixed(1)} | ${figures.cpuSeconds.toFixed(1)} | ${(figures.peakTreeMb / 1024).toFixed(2)} GB | ${row.detail ? '' : `${(figures.seconds / base.seconds).toFixed(2)}×`} | ${row.load.toFixed(1)} |`,
		);
	}
	const sizes = [{ name: 'whole', dir: path.join(FOLDER, 'dist-whole') }, ...shards.map(({ name }) => ({ name: `shard ${name}`, dir: outDir(name) })), { name: 'combined site', dir: site }];
	console.log('\n| output | files | HTML pages | MB |');
	console.log('|---|---:|---:|---:|');
	for (const { name, dir } of sizes) {
		if (!existsSync(dir)) continue;
		const measured = measureFolder(dir);
		console.log(`| ${name} | ${measured.files.toLocaleString('en')} | ${measured.html.toLocaleString('en')} | ${(measured.bytes / 1024 / 1024).toFixed(0)} |`);
	}

	console.log('\nFirst searches in a cold browser, served gzip-compressed (the whole build’s search page against the newest shard’s, which searches both shards):');
	console.log('| query | site | until results show | requests | last key → results |');
	console.log('|---|---|---:|---:|---:|');
	const wholeSearch = await measureFirstSearches(path.join(FOLDER, 'dist-whole'), '/search/');
	const combinedSearch = await measureFirstSearches(site, `/${shards[1]!.name}/search/`);
	for (const [index, query] of FIRST_QUERIES.entries()) {
		for (const [name, list] of [['whole', wholeSearch], ['combined, 2 shards', combinedSearch]] as const) {
			const row = list[index]!;
			console.log(`| “${query}” | ${name} | ${(row.bytes / 1024).toFixed(0)} KB | ${row.requests} | ${row.ms.toFixed(0)} ms |`);
		}
	}
}
