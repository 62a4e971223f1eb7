/**
 * Import benchmark: 10,000 inputs of every shape (raw wire text, other generators' Markdown, saved web pages)
 * made from the shared corpora, imported into an empty archive, then imported again (everything already
 * present). Compared, in the same run, with a naive loop that only reads each file, splits it with gray-matter
 * and writes it out — no detection, validation, address check or atomic write.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { importArticles } from '../src/lib/import/import-articles.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPORA = path.resolve(ROOT, '../shared/corpora');
const WORK = path.join(ROOT, 'bench', '.work', 'import');
const COUNT = Number(process.env.BENCH_IMPORTS ?? 10_000);

/** One input file to generate: its name and text. */
interface Input {
	name: string;
	text: string;
}

/** Wraps a wire story in a saved news page, as a browser's "Save page" would keep it. */
function toWebPage(story: string, copy: number): string {
	const [header = '', ...paragraphs] = story.split('\n\n');
	const date = /date (\d{4}-\d{2}-\d{2})/.exec(header)?.[1] ?? '1987-03-02';
	const author = /By ([^,]+)/i.exec(header)?.[1] ?? 'Staff';
	const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	const headline = `Wire story ${copy}: ${escape(paragraphs[0]!.slice(0, 60))}`;
	const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline, datePublished: `${date}T09:00:00-05:00`, author: [{ '@type': 'Person', name: author }], publisher: { '@type': 'Organization', name: 'Bench Wire' } });
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${headline}</title><script type="application/ld+json">${ld.replace(/</g, '\\u003c')}</script></head>
<body><nav><a href="/">Home</a></nav><div class="ad">Advertisement</div><article><h1>${headline}</h1><p class="byline">By ${escape(author)}</p>
${[...paragraphs, `Saved from the web, copy ${copy}.`].map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}
<div class="share"><button>Share</button></div></article><footer>© Bench</footer></body></html>`;
}

/**
 * Gives a copy its own identity — another year for wire text, a numbered headline for Markdown, and a closing
 * line in the text — so the import sees a different story, not the same one again (which it reports as present).
 */
function vary(name: string, text: string, copy: number): string {
	if (copy === 0) return text;
	if (name.endsWith('.txt')) {
		const redated = text.replace(/date (\d{4})-(\d{2})-(\d{2})/, (_, year: string, month: string, day: string) => `date ${Number(year) + copy}-${month}-${day}`);
		return `${redated.trimEnd()}\n\nFiled again, copy ${copy}.\n`;
	}
	return `${retitle(text, copy).trimEnd()}\n\nPosted again, copy ${copy}.\n`;
}

function retitle(text: string, copy: number): string {
	// The number goes first: addresses keep only the first 80 characters of a headline.
	const folded = /^(title:\s*[>|][-+]?[ \t]*\n[ \t]+)(.*)$/m;
	if (folded.test(text)) return text.replace(folded, `$1${copy} $2`);
	const tripleQuoted = /^(title\s*=\s*)('''|""")(.*)\2[ \t]*$/m;
	if (tripleQuoted.test(text)) return text.replace(tripleQuoted, `$1$2${copy} $3$2`);
	return text.replace(/^(title\s*[:=]\s*)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(.*?))[ \t]*$/m, (_, key: string, double?: string, single?: string, plain?: string) =>
		double !== undefined ? `${key}"${copy} ${double}"` : single !== undefined ? `${key}'${copy} ${single}'` : `${key}${copy} ${plain}`,
	);
}

function makeInputs(): Input[] {
	const pool: Input[] = [];
	const reuters = path.join(CORPORA, 'reuters-seed-format');
	for (const name of readdirSync(reuters).filter((file) => file.endsWith('.txt')).sort()) pool.push({ name: `reuters/${name}`, text: readFileSync(path.join(reuters, name), 'utf8') });
	const blogs = path.join(CORPORA, 'markdown-blogs');
	for (const name of (readdirSync(blogs, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort()) {
		pool.push({ name: `blogs/${name}`, text: readFileSync(path.join(blogs, name), 'utf8') });
	}
	const inputs: Input[] = [];
	for (let index = 0; inputs.length < COUNT; index++) {
		const source = pool[index % pool.length]!;
		const copy = Math.floor(index / pool.length);
		const name = source.name.replace(/(\.\w+)$/, `-${copy}$1`);
		// Every tenth wire story arrives as a saved web page instead.
		if (source.name.endsWith('.txt') && index % 10 === 0) inputs.push({ name: name.replace(/\.txt$/, '.html'), text: toWebPage(source.text, copy) });
		else inputs.push({ name, text: vary(source.name, source.text, copy) });
	}
	return inputs;
}

/** The naive baseline: read, split with gray-matter, write — nothing checked, nothing detected. */
function naiveImport(files: string[], target: string): void {
	files.forEach((file, index) => {
		let parsed;
		try {
			parsed = matter(readFileSync(file, 'utf8'));
		} catch {
			return;
		}
		const out = path.join(target, `${index}.md`);
		writeFileSync(out, matter.stringify(parsed.content, { ...parsed.data, title: String(parsed.data.title ?? path.basename(file)) }));
	});
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
	rmSync(WORK, { recursive: true, force: true });
	const inbox = path.join(WORK, 'inbox');
	const inputs = makeInputs();
	for (const input of inputs) {
		const file = path.join(inbox, input.name);
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, input.text);
	}
	const files = inputs.map((input) => path.join(inbox, input.name));
	const shapes = { txt: inputs.filter((input) => input.name.endsWith('.txt')).length, md: inputs.filter((input) => input.name.endsWith('.md')).length, html: inputs.filter((input) => input.name.endsWith('.html')).length };
	console.log(`inputs: ${inputs.length} (${shapes.txt} wire text, ${shapes.md} Markdown, ${shapes.html} web pages) in ${path.relative(ROOT, inbox)}`);

	const baselineDir = path.join(WORK, 'baseline');
	mkdirSync(baselineDir, { recursive: true });
	const markdownFiles = files.filter((file) => file.endsWith('.md'));
	let started = performance.now();
	naiveImport(markdownFiles, baselineDir);
	const baselineSeconds = (performance.now() - started) / 1000;

	const options = { root: WORK, content: 'content', timeZone: 'America/New_York', source: 'Bench' };
	started = performance.now();
	const first = await importArticles([inbox], options);
	const firstSeconds = (performance.now() - started) / 1000;
	started = performance.now();
	const second = await importArticles([inbox], options);
	const secondSeconds = (performance.now() - started) / 1000;

	const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
	console.log('| run | inputs | seconds | inputs/s | outcome |');
	console.log('|---|---:|---:|---:|---|');
	console.log(`| baseline: read + gray-matter + write, Markdown only | ${markdownFiles.length} | ${baselineSeconds.toFixed(1)} | ${perSecond(markdownFiles.length, baselineSeconds)} | no checks |`);
	console.log(`| import into an empty archive | ${inputs.length} | ${firstSeconds.toFixed(1)} | ${perSecond(inputs.length, firstSeconds)} | ${first.counts.imported} imported, ${first.counts.present} present, ${first.counts.rejected} rejected |`);
	console.log(`| the same import again | ${inputs.length} | ${secondSeconds.toFixed(1)} | ${perSecond(inputs.length, secondSeconds)} | ${second.counts.imported} imported, ${second.counts.present} present, ${second.counts.rejected} rejected |`);
	console.log(`target: 10,000 inputs in under 20 s — ${firstSeconds < 20 ? 'met' : 'NOT met'} (${firstSeconds.toFixed(1)} s); per input ${((firstSeconds / inputs.length) * 1000).toFixed(2)} ms against ${((baselineSeconds / markdownFiles.length) * 1000).toFixed(2)} ms for the naive loop`);
	for (const group of first.reasons.slice(0, 5)) console.log(`rejected ${group.count} × ${group.reason}`);
}

if (import.meta.main) await run();
