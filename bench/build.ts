/**
 * Build benchmark: a 10,000-story Reuters archive built by Clippings (cold, unchanged, one story edited) against
 * Astro's own pipeline measured in the same run (glob loader + Astro's Markdown + Pagefind CLI).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureFolder } from './support/folder-size.ts';
import { writeReutersArchive } from './support/reuters.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);

interface Timing {
	seconds: number;
	peakMemoryMb: number;
}

function timeCommand(command: string, args: string[], cwd = ROOT): Timing {
	const report = path.join(WORK, 'time.txt');
	const started = performance.now();
	execFileSync('/usr/bin/time', ['-o', report, '-f', '%M', path.join(BIN, command), ...args], {
		cwd,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' },
	});
	const seconds = (performance.now() - started) / 1000;
	return { seconds, peakMemoryMb: Math.round(Number(readFileSync(report, 'utf8').trim().split('\n').at(-1)) / 1024) };
}

function folderStats(folder: string): { files: number; html: number; megabytes: number } {
	const { files, html, bytes } = measureFolder(folder);
	return { files, html, megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10 };
}

function writeOursConfig(content: string): string {
	const folder = path.join(WORK, 'ours');
	mkdirSync(folder, { recursive: true });
	const config = path.join(folder, 'astro.config.mjs');
	writeFileSync(
		config,
		`import { defineConfig } from 'astro/config';
import clippings from '../../../src/integrations/clippings.ts';
export default defineConfig({
	outDir: ${JSON.stringify(path.join(folder, 'dist'))},
	cacheDir: ${JSON.stringify(path.join(folder, '.cache'))},
	integrations: [clippings({ title: 'Bench', url: 'https://bench.example.org', timeZone: 'America/New_York', content: ${JSON.stringify(path.relative(ROOT, content))} })],
});
`,
	);
	return folder;
}

function writeBaselineProject(content: string): string {
	const folder = path.join(WORK, 'baseline');
	mkdirSync(path.join(folder, 'src', 'pages'), { recursive: true });
	writeFileSync(
		path.join(folder, 'astro.config.mjs'),
		`import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://bench.example.org' });\n`,
	);
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

/** Runs the build benchmark and prints its figures. */
export async function run(): Promise<void> {
	mkdirSync(WORK, { recursive: true });
	console.log(`\n## Build: ${COUNT} Reuters stories`);
	const content = writeReutersArchive(path.join(WORK, `reuters-${COUNT}`), COUNT);

	const baseline = writeBaselineProject(content);
	rmSync(path.join(baseline, 'dist'), { recursive: true, force: true });
	rmSync(path.join(baseline, 'node_modules'), { recursive: true, force: true });
	rmSync(path.join(baseline, '.astro'), { recursive: true, force: true });
	const baselineBuild = timeCommand('astro', ['build', '--root', baseline]);
	const baselineIndex = timeCommand('pagefind', ['--site', path.join(baseline, 'dist'), '--quiet']);

	const ours = writeOursConfig(content);
	rmSync(path.join(ours, 'dist'), { recursive: true, force: true });
	rmSync(path.join(ours, '.cache'), { recursive: true, force: true });
	const config = path.relative(ROOT, path.join(ours, 'astro.config.mjs'));
	const cold = timeCommand('astro', ['build', '--config', config]);
	const warm = timeCommand('astro', ['build', '--config', config]);
	const edited = readdirSync(path.join(content, 'articles', '1987'))[0]!;
	const editedPath = path.join(content, 'articles', '1987', edited);
	const original = readFileSync(editedPath, 'utf8');
	appendFileSync(editedPath, '\nAn added paragraph for the benchmark.\n');
	let oneChanged: Timing;
	try {
		oneChanged = timeCommand('astro', ['build', '--config', config]);
	} finally {
		writeFileSync(editedPath, original);
	}

	const oursStats = folderStats(path.join(ours, 'dist'));
	const baselineStats = folderStats(path.join(baseline, 'dist'));
	const pagefindDir = path.join(ours, 'dist', 'pagefind');
	const rows = [
		['baseline: Astro glob loader + Pagefind CLI', baselineBuild.seconds + baselineIndex.seconds, Math.max(baselineBuild.peakMemoryMb, baselineIndex.peakMemoryMb), baselineStats],
		['Clippings, cold (empty cache)', cold.seconds, cold.peakMemoryMb, oursStats],
		['Clippings, nothing changed', warm.seconds, warm.peakMemoryMb, oursStats],
		['Clippings, one story edited', oneChanged.seconds, oneChanged.peakMemoryMb, oursStats],
	] as const;
	console.log('| pipeline | seconds | peak RSS MB | HTML pages | output MB |');
	console.log('|---|---:|---:|---:|---:|');
	for (const [name, seconds, memory, stats] of rows) {
		console.log(`| ${name} | ${seconds.toFixed(1)} | ${memory} | ${stats.html} | ${stats.megabytes} |`);
	}
	console.log(`baseline split: astro build ${baselineBuild.seconds.toFixed(1)} s + pagefind ${baselineIndex.seconds.toFixed(1)} s`);
	if (existsSync(pagefindDir)) console.log(`Clippings search index: ${folderStats(pagefindDir).megabytes} MB in ${folderStats(pagefindDir).files} files`);
	console.log(`Clippings cold vs baseline: ${((cold.seconds / (baselineBuild.seconds + baselineIndex.seconds)) * 100).toFixed(0)}% of the baseline's time`);
}

if (import.meta.main) await run();
