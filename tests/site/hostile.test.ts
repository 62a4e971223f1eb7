import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { afterAll, describe, expect, test } from 'vitest';
import { formatHeadersFile } from '../../src/integrations/security.ts';
import { makeArticleEntry as createArticleEntry } from '../support/article-entry.ts';
import { parseArticle, type ParsedArticle } from '../../src/model/parse-article.ts';
import { buildFixture, distPath, fixturePath, readBuiltFile, readPage } from '../support/fixtures.ts';
import { createTempFixture, type TempFixture } from '../support/temp-fixture.ts';

const FIXTURE = 'hostile';
/** `timeZone` in tests/fixtures/hostile/astro.config.mjs. */
const TIME_ZONE = 'UTC';
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'cite', 'srcset', 'poster', 'data', 'longdesc', 'background', 'ping'];

/** The fixture's article files, parsed with the project's own parser, with the address the site gives each. */
function readFixtureArticles(): { file: string; article: ParsedArticle; path: string }[] {
	const folder = fixturePath(FIXTURE, 'content', 'articles');
	return readdirSync(folder)
		.filter((file) => file.endsWith('.md') && !file.startsWith('_'))
		.map((file) => {
			const parsed = parseArticle(readFileSync(path.join(folder, file)), file);
			if (!parsed.ok) throw new Error(`fixture ${file} is invalid: ${parsed.problems.map((problem) => problem.message).join('; ')}`);
			const entry = createArticleEntry(file, parsed.article.data, { firstParagraph: '', wordCount: 0 }, TIME_ZONE);
			return { file, article: parsed.article, path: entry.path };
		});
}

const ARTICLES = readFixtureArticles();
const PUBLISHED = ARTICLES.filter(({ article }) => !article.data.draft);
const DRAFTS = ARTICLES.filter(({ article }) => article.data.draft);
const HTML_PAGES = readdirSync(distPath(FIXTURE), { recursive: true, encoding: 'utf8' })
	.filter((file) => file.endsWith('.html'))
	.map((file) => `/${file.split(path.sep).join('/')}`);

function sha256(text: string): string {
	return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** Everything on a built page that could run script, found by parsing it. */
function findScriptHazards($: CheerioAPI): string[] {
	const hazards: string[] = [];
	const policy = $('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
	for (const element of $('*').toArray()) {
		if (!('attribs' in element)) continue;
		const name = element.tagName.toLowerCase();
		if (['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet'].includes(name)) hazards.push(`<${name}>`);
		if (name === 'meta' && $(element).attr('http-equiv')?.toLowerCase() === 'refresh') hazards.push('<meta refresh>');
		for (const [attribute, value] of Object.entries(element.attribs)) {
			if (/^on/i.test(attribute)) hazards.push(`${name}[${attribute}]`);
			// The one data: address a page may carry is its own "Cite this story" download: a reference file type,
			// fully percent-encoded, on a link that downloads rather than opens.
			const citation = name === 'a' && 'download' in element.attribs && /^data:application\/(?:x-bibtex|x-research-info-systems);charset=utf-8,[^\s<>"]*$/.test(value);
			if (URL_ATTRIBUTES.includes(attribute) && !citation && /^(?:javascript|vbscript|data):/i.test(value.replace(/[\s\u0000-\u001f]/g, ''))) {
				hazards.push(`${name}[${attribute}=${value}]`);
			}
		}
	}
	$('script').each((_, element) => {
		const type = $(element).attr('type');
		const source = $(element).attr('src');
		if (type === 'application/ld+json') return;
		if (source) {
			if (!source.startsWith('/_astro/')) hazards.push(`<script src=${source}>`);
			return;
		}
		// An inline script runs only if the page's policy names its hash: anything else is not ours.
		if (!policy.includes(sha256($(element).text()))) hazards.push(`inline <script> not in the policy: ${$(element).text().slice(0, 60)}`);
	});
	return hazards;
}

describe('the hostile archive, built', () => {
	test('every article the fixture publishes has a page, and the fixture really is hostile', () => {
		expect(PUBLISHED.length).toBeGreaterThanOrEqual(6);
		for (const { path: articlePath } of PUBLISHED) expect(() => readBuiltFile(FIXTURE, articlePath), articlePath).not.toThrow();
		expect(ARTICLES.some(({ article }) => article.data.title.includes('onerror='))).toBe(true);
	});

	test.each(HTML_PAGES)('%s has no element, handler or address that could run an article’s script', (page) => {
		const $ = load(readFileSync(path.join(distPath(FIXTURE), page), 'utf8'));
		expect(findScriptHazards($)).toEqual([]);
	});

	test.each(HTML_PAGES)('%s carries the Content Security Policy', (page) => {
		const $ = load(readFileSync(path.join(distPath(FIXTURE), page), 'utf8'));
		const policy = $('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
		expect(policy).toMatch(/default-src 'self'/);
		expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(?: 'sha256-[^']+')*;/);
		expect(policy).toMatch(/object-src 'none'/);
		expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(policy).not.toMatch(/script-src[^;]*'unsafe-eval'/);
		// The policy only governs what comes after it in the document.
		const head = $('head').children().toArray();
		const policyAt = head.findIndex((element) => $(element).is('meta[http-equiv="content-security-policy"]'));
		const firstGoverned = head.findIndex((element) => $(element).is('script:not([type="application/ld+json"]), style, link[rel="stylesheet"]'));
		expect(policyAt).toBeGreaterThanOrEqual(0);
		if (firstGoverned !== -1) expect(policyAt).toBeLessThan(firstGoverned);
	});

	test.each(PUBLISHED.map(({ file, article, path: articlePath }) => [file, article, articlePath] as const))(
		'%s shows its headline, bylines, source and summary as the characters they are',
		(_file, article, articlePath) => {
			const $ = readPage(FIXTURE, articlePath);
			const { title, bylines, source, summary, dateline } = article.data;
			expect($('h1').text()).toBe(title);
			expect($('title').text()).toContain(title);
			const text = $('main').text();
			for (const field of [...bylines, source, summary, dateline]) if (field) expect(text).toContain(field);
		},
	);

	test.each(PUBLISHED.map(({ file, article, path: articlePath }) => [file, article, articlePath] as const))(
		'%s has JSON-LD that parses back to its exact headline and cannot close its script block',
		(_file, article, articlePath) => {
			const $ = readPage(FIXTURE, articlePath);
			const blocks = $('script[type="application/ld+json"]');
			expect(blocks).toHaveLength(1);
			const raw = blocks.text();
			expect(raw).not.toMatch(/<\/script|<!--/i);
			expect(JSON.parse(raw).headline).toBe(article.data.title);
		},
	);

	test('the RSS feed carries hostile headlines as escaped text that parses back exactly', () => {
		const $ = load(readBuiltFile(FIXTURE, '/feed.xml'), { xml: true });
		const titles = $('item > title').map((_, element) => $(element).text()).get();
		expect(titles.sort()).toEqual(PUBLISHED.map(({ article }) => article.data.title).sort());
		expect($('script')).toHaveLength(0);
	});

	test('the JSON feed carries hostile headlines as exact strings and article bodies only as sanitised HTML', () => {
		const feed = JSON.parse(readBuiltFile(FIXTURE, '/feed.json')) as { items: { title: string; content_html?: string }[] };
		expect(feed.items.map((item) => item.title).sort()).toEqual(PUBLISHED.map(({ article }) => article.data.title).sort());
		for (const item of feed.items) {
			if (item.content_html) expect(findScriptHazards(load(item.content_html))).toEqual([]);
		}
	});

	test('harmless inline HTML in a body survives sanitising', () => {
		const raw = PUBLISHED.find(({ file }) => file.includes('raw-html-in-the-body'))!;
		const $ = readPage(FIXTURE, raw.path);
		const body = $('.story__body');
		expect(body.find('em').first().text()).toBe('emphasised');
		expect(body.find('sup').first().text()).toBe('2');
		expect(body.find('sub').first().text()).toBe('2');
		expect(body.find('abbr[title="North Atlantic Treaty Organization"]').text()).toBe('NATO');
		expect(body.find('mark').text()).toBe('highlight');
		expect(body.find('kbd').text()).toBe('Ctrl');
		expect(body.find('script, style, svg, iframe, object, embed, form, base, meta, link, template, noscript')).toHaveLength(0);
		expect(body.find('a').filter((_, link) => /script:|data:/i.test($(link).attr('href') ?? ''))).toHaveLength(0);
	});

	test('drafts appear on no page, feed or sitemap', () => {
		expect(DRAFTS.length).toBeGreaterThan(0);
		const files = readdirSync(distPath(FIXTURE), { recursive: true, encoding: 'utf8' }).filter((file) => /\.(html|xml|json)$/.test(file));
		for (const { path: draftPath, article } of DRAFTS) {
			expect(existsSync(path.join(distPath(FIXTURE), draftPath))).toBe(false);
			for (const file of files) {
				const text = readFileSync(path.join(distPath(FIXTURE), file), 'utf8');
				expect(text.includes(draftPath) || text.includes('A draft is left out'), file).toBe(false);
				expect(text.includes(JSON.stringify(article.data.title).slice(1, -1)), file).toBe(false);
			}
		}
	});

	test('the security headers file for Netlify and Cloudflare Pages is published at the root', () => {
		expect(readBuiltFile(FIXTURE, '/_headers')).toBe(formatHeadersFile());
	});

	test('the .mdx file was never loaded: its code would have failed the build, and nothing of it was published', () => {
		const files = readdirSync(distPath(FIXTURE), { recursive: true, encoding: 'utf8' }).filter((file) => /\.(html|xml|json)$/.test(file));
		for (const file of files) expect(readFileSync(path.join(distPath(FIXTURE), file), 'utf8'), file).not.toContain('MDX runs code');
	});
});

describe('building hostile archives', () => {
	const created: TempFixture[] = [];
	afterAll(() => created.forEach((made) => made.remove()));

	test('the build prints a ledger that balances and names every draft and ignored file', async () => {
		const result = await buildFixture(FIXTURE, { outDir: 'dist-ledger' });
		expect(result.ok, result.output).toBe(true);
		const articles = PUBLISHED.length;
		expect(result.output).toContain(
			`ledger: ${ARTICLES.length} files found = ${articles} articles + ${DRAFTS.length} draft; ${articles} pages written; ${articles} search records`,
		);
		for (const { file } of DRAFTS) expect(result.output).toContain(`draft: tests/fixtures/hostile/content/articles/${file}`);
		expect(result.output).toContain('ignored: tests/fixtures/hostile/content/articles/_notes.md (name starts with _ or .)');
		expect(result.output).toContain('ignored: tests/fixtures/hostile/content/articles/widget.mdx (.mdx is never loaded: it can run code)');
	}, 120_000);

	test('an archive of files that must be refused fails the build, naming every file and why, and runs none of their code', async () => {
		const header = (title: string, extra = '') => `---\ntitle: ${title}\ndate: '2025-07-24'\nbylines: []\nsource: Wire\n${extra}---\n`;
		const pwned = fixturePath('tmp-hostile-refused', 'pwned');
		const fixture = createTempFixture('hostile-refused', {
			'fine.md': `${header('Fine')}A fine story.\n`,
			'code.md': `---js\n{ title: (process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(pwned)}, 'ran'), 'x'), date: '2025-07-24', bylines: [], source: 'W' }\n---\nBody.\n`,
			'javascript-url.md': `${header('Bad address', 'url: "javascript:alert(1)"\n')}Body.\n`,
			'proto.md': `${header('Prototype', '__proto__: { polluted: true }\n')}Body.\n`,
			'laughs.md': `---\ntitle: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(', ')}]`).join('\n')}\n---\nBody.\n`,
			'quotes.md': `${header('Quotes')}${'> '.repeat(10_000)}deep\n`,
			'emphasis.md': `${header('Emphasis')}${'*_'.repeat(100_000)}\n`,
			'huge.md': `${header('Huge')}${'word '.repeat(1_000_000)}\n`,
			'nul.md': `${header('Binary')}Text\u0000more\n`,
			'latin1.md': new Uint8Array([...new TextEncoder().encode(`${header('Latin')}caf`), 0xe9, 0x0a]),
			'script-only.md': `${header('Only script')}<script>alert(1)</script>\n`,
			'same-a.md': `${header('Same address', 'slug: same-address\n')}One.\n`,
			'same-b.md': `${header('Another headline', 'slug: same-address\n')}Two.\n`,
		});
		created.push(fixture);
		const started = performance.now();
		const result = await fixture.build();
		const seconds = (performance.now() - started) / 1000;
		expect(result.ok).toBe(false);
		const at = (file: string) => `tests/fixtures/tmp-hostile-refused/content/articles/${file}`;
		for (const [file, message] of [
			['code.md', /front-matter language "js" is not allowed: it is code/],
			['javascript-url.md', /url: url must be an http:\/\/ or https:\/\/ address/],
			['proto.md', /may not use the key "__proto__"/],
			['laughs.md', /maxAliases/],
			['quotes.md', /nests block quotes or lists 10000 levels deep/],
			['emphasis.md', /more than 5000 emphasis or link markers/],
			['huge.md', /the limit for one article is/],
			['nul.md', /contains NUL characters/],
			['latin1.md', /not valid UTF-8/],
			['script-only.md', /empty once unsafe HTML is removed/],
			['same-b.md', /slug: claims the address \/2025\/07\/24\/same-address\/ that .*same-a\.md also claims/],
		] as const) {
			expect(result.output, file).toMatch(new RegExp(`${at(file).replace(/[.]/g, '\\.')}: .*${message.source}`));
		}
		expect(existsSync(pwned)).toBe(false);
		expect(seconds).toBeLessThan(60);
	}, 120_000);
});
