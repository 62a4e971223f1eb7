/**
 * Import benchmark: 10,000 inputs of every shape (raw wire text, other generators' Markdown, saved web pages)
 * made from the shared corpora, imported into an empty archive, then imported again (everything already
 * present). Compared, in the same run, with a naive loop that only reads each file, splits it with gray-matter
 * and writes it out — no detection, validation, address check or atomic write.
 * Then a generated WordPress export of 5,000 posts (with pages, attachments and drafts among them), imported
 * twice, against parsing the same XML alone in the same run.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import matter from 'gray-matter';
import { importArticles } from '../src/tooling/import/import-articles.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPORA = path.resolve(ROOT, '../shared/corpora');
const WORK = path.join(ROOT, 'bench', '.work', 'import');
const COUNT = Number(process.env.BENCH_IMPORTS ?? 10_000);
const WXR_POSTS = Number(process.env.BENCH_WXR_POSTS ?? 5_000);

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
	await runWordPressExport();
}

/**
 * A WordPress export of `WXR_POSTS` posts made from the Reuters stories (each copy redated and signed so it is
 * its own story), with a page, an attachment and a draft every 50 posts, as a real export mixes them.
 */
function makeWordPressExport(): { xml: string; posts: number; others: number } {
	const reuters = path.join(CORPORA, 'reuters-seed-format');
	const stories = readdirSync(reuters).filter((file) => file.endsWith('.txt')).sort().map((name) => readFileSync(path.join(reuters, name), 'utf8'));
	const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
	const items: string[] = [];
	let others = 0;
	for (let index = 0; index < WXR_POSTS; index++) {
		const [header = '', ...paragraphs] = stories[index % stories.length]!.split('\n\n');
		const copy = Math.floor(index / stories.length);
		const day = /date (\d{4})-(\d{2}-\d{2})/.exec(header);
		const date = `${Number(day?.[1] ?? 1987) + copy}-${day?.[2] ?? '03-02'} 09:${String(index % 60).padStart(2, '0')}:00`;
		const gmt = date.replace(' 09:', ' 14:');
		const body = [...paragraphs.filter(Boolean).map((paragraph) => escape(paragraph)), `Posted ${index}.`].join('\n\n');
		const status = index % 50 === 7 ? 'draft' : 'publish';
		items.push(`<item><title>${cdata(`${index} ${paragraphs[0]?.slice(0, 60) ?? 'Story'}`)}</title><link>https://bench.example/?p=${index}</link><dc:creator>${cdata(`author${index % 20}`)}</dc:creator>
<content:encoded>${cdata(body)}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>${index + 1}</wp:post_id><wp:post_date>${cdata(date)}</wp:post_date><wp:post_date_gmt>${cdata(gmt)}</wp:post_date_gmt>
<wp:status>${cdata(status)}</wp:status><wp:post_type>${cdata('post')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><category domain="category" nicename="markets">${cdata('Markets')}</category><category domain="post_tag" nicename="wire">${cdata('Wire')}</category></item>`);
		if (index % 50 === 0) {
			items.push(`<item><title>Page ${index}</title><wp:post_id>${100_000 + index}</wp:post_id><wp:status>publish</wp:status><wp:post_type>page</wp:post_type><content:encoded>${cdata('<p>About us.</p>')}</content:encoded></item>`);
			items.push(`<item><title>photo-${index}</title><wp:post_id>${200_000 + index}</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type></item>`);
			others += 2;
		}
	}
	const authors = Array.from({ length: 20 }, (_, index) => `<wp:author><wp:author_login>${cdata(`author${index}`)}</wp:author_login><wp:author_display_name>${cdata(`Writer Number${index}`)}</wp:author_display_name></wp:author>`).join('\n');
	const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Wire</title><language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>
${authors}
${items.join('\n')}
</channel></rss>
`;
	return { xml, posts: WXR_POSTS, others };
}

async function runWordPressExport(): Promise<void> {
	const work = path.join(WORK, 'wordpress');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(work, { recursive: true });
	const { xml, posts, others } = makeWordPressExport();
	const file = path.join(work, 'export.xml');
	writeFileSync(file, xml);
	console.log(`\nWordPress export: ${posts} posts and ${others} pages and attachments, ${(xml.length / 1e6).toFixed(1)} MB`);

	let started = performance.now();
	new XMLParser({ ignoreAttributes: false }).parse(readFileSync(file, 'utf8'));
	const parseSeconds = (performance.now() - started) / 1000;

	const options = { root: work, content: 'content', timeZone: 'America/New_York' };
	started = performance.now();
	const first = await importArticles([file], options);
	const firstSeconds = (performance.now() - started) / 1000;
	started = performance.now();
	const second = await importArticles([file], options);
	const secondSeconds = (performance.now() - started) / 1000;

	const outcome = (counts: typeof first.counts) => `${counts.imported} imported, ${counts.present} present, ${counts.rejected} rejected, ${counts.skipped ?? 0} skipped`;
	console.log('| run | posts | seconds | posts/s | outcome |');
	console.log('|---|---:|---:|---:|---|');
	console.log(`| baseline: parse the XML only | ${posts} | ${parseSeconds.toFixed(1)} | ${Math.round(posts / parseSeconds)} | nothing written |`);
	console.log(`| import the export into an empty archive | ${posts} | ${firstSeconds.toFixed(1)} | ${Math.round(posts / firstSeconds)} | ${outcome(first.counts)} |`);
	console.log(`| the same import again | ${posts} | ${secondSeconds.toFixed(1)} | ${Math.round(posts / secondSeconds)} | ${outcome(second.counts)} |`);
	for (const group of first.reasons.slice(0, 5)) console.log(`rejected ${group.count} × ${group.reason}`);
}

if (import.meta.main) await run();
