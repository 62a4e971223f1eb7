import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPhotoPlacer, detectPhotoFormat, getPhotoName } from '../../src/tooling/import/images.ts';
import { importArticles, type ImportOptions } from '../../src/tooling/import/import-articles.ts';
import { readWebPage } from '../../src/tooling/import/web-page.ts';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { parseArticle } from '../../src/model/parse-article.ts';
import { resolveArticleImages } from '../../src/loader/article-images.ts';

const PAGE = 'Harbour tunnel opens.html';
const SAVED = 'Harbour tunnel opens_files';

/** A news page as a browser's "Save page as…, complete" leaves it: images in the body point into `_files/`. */
const html = `<!doctype html>
<html lang="en-GB"><head>
<title>Harbour tunnel opens — The Coastal Herald</title>
<meta property="og:image" content="https://cdn.coastalherald.example/images/lead.jpg">
<meta property="og:image:alt" content="Cars queue at the tunnel mouth before dawn">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour tunnel opens after six years of delays","datePublished":"2024-05-14T06:30:00+01:00","author":{"@type":"Person","name":"Aoife Byrne"},"publisher":{"@type":"Organization","name":"The Coastal Herald"}}</script>
</head><body>
<header><a href="/"><img src="./${SAVED}/logo.svg" alt="The Coastal Herald"></a></header>
<article><h1>Harbour tunnel opens after six years of delays</h1>
<div itemprop="articleBody">
<figure><img src="./${SAVED}/lead.jpg" alt="Cars at the tunnel" width="1600" srcset="./${SAVED}/lead.jpg 1x, https://cdn.coastalherald.example/images/lead-2x.jpg 2x"><figcaption>The first cars enter the tunnel at 6am.</figcaption></figure>
<p>PORTHAVEN — The £1.2bn harbour tunnel carried its first cars at dawn on Tuesday.</p>
<figure><img src="./${SAVED}/toll%20booth.png" alt="The toll booths" onerror="alert(1)"><figcaption>Tolls start in June.</figcaption></figure>
<p>Drivers queued from 4am.</p>
<img src="https://cdn.coastalherald.example/images/map.jpg" alt="A map of the route">
<img src="./${SAVED}/tracker.gif.html" alt="">
<p>Tolls of £2.50 a crossing start on 1 June.</p>
</div></article></body></html>`;

let project: string;
let inbox: string;
let options: ImportOptions;
let page: string;

beforeEach(async () => {
	project = mkdtempSync(path.join(tmpdir(), 'clippings-import-photos-'));
	inbox = path.join(project, 'inbox');
	mkdirSync(path.join(inbox, SAVED), { recursive: true });
	page = path.join(inbox, PAGE);
	writeFileSync(page, html);
	await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#335577' } }).jpeg().toFile(path.join(inbox, SAVED, 'lead.jpg'));
	await sharp({ create: { width: 600, height: 400, channels: 3, background: '#775533' } }).png().toFile(path.join(inbox, SAVED, 'toll booth.png'));
	writeFileSync(path.join(inbox, SAVED, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
	writeFileSync(path.join(inbox, SAVED, 'tracker.gif.html'), '<script>alert(1)</script>');
	options = { root: project, content: 'content', timeZone: 'Europe/London' };
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

function photosIn(folder: string): string[] {
	const dir = path.join(project, 'content', 'articles', folder);
	return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => !name.endsWith('.md') && statSync(path.join(dir, name)).isFile()).sort();
}

describe('importing a saved web page with its photos', () => {
	test('the lead photo and the photos of the text are copied next to the article, and the article points at them', async () => {
		const report = await importArticles([page], options);
		expect(report.counts).toEqual({ imported: 1, present: 0, rejected: 0 });
		const result = report.results[0]!;
		const text = readFileSync(path.join(project, result.file!), 'utf8');
		const parsed = parseArticle(text, result.file!);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
		const lead = readFileSync(path.join(inbox, SAVED, 'lead.jpg'));
		const booth = readFileSync(path.join(inbox, SAVED, 'toll booth.png'));
		expect(parsed.article.data.image).toEqual({
			src: `photos/${getPhotoName(lead, 'lead.jpg', 'jpg')}`,
			alt: 'Cars queue at the tunnel mouth before dawn',
			caption: 'The first cars enter the tunnel at 6am.',
		});
		expect(photosIn('the-coastal-herald')).toEqual([
			`2024/photos/${getPhotoName(lead, 'lead.jpg', 'jpg')}`,
			`2024/photos/${getPhotoName(booth, 'toll booth.png', 'png')}`,
		].sort());
		const folder = path.dirname(path.join(project, result.file!));
		expect(readFileSync(path.join(folder, parsed.article.data.image!.src)).equals(lead)).toBe(true);

		const $ = load(renderMarkdown(parsed.article.body).html);
		// The lead photo left the text (it is the article's lead now); the toll booth stayed, as a local photo.
		expect(parsed.article.body).toContain(`![The toll booths](photos/${getPhotoName(booth, 'toll booth.png', 'png')} "Tolls start in June.")`);
		expect($('figure figcaption').text()).toBe('Tolls start in June.');
		expect(parsed.article.body).not.toMatch(/https?:\/\/[^\s)]*\.(jpg|png|gif)|_files|lead\.jpg|onerror/);
		expect($('img')).toHaveLength(1);
		expect(result.leftOut).toEqual([
			expect.stringMatching(/^image "https:\/\/cdn\.coastalherald\.example\/images\/map\.jpg" \(A map of the route\): not saved with the page; save the page complete, or pass --keep-remote-images/),
			expect.stringMatching(/^image "\.\/Harbour tunnel opens_files\/tracker\.gif\.html": the saved file is not a JPEG, PNG, GIF, WebP or AVIF photo/),
		]);

		// The build's own photo check accepts what the import wrote.
		const root = project;
		const checked = await resolveArticleImages(result.file!, parsed.article.data.image, renderMarkdown(parsed.article.body), {
			root,
			contentDirectory: path.join(project, 'content'),
			remoteImages: false,
		});
		expect(checked.problems).toEqual([]);
	});

	test('importing the page again writes nothing: the article and its photos are already present', async () => {
		await importArticles([page], options);
		const before = photosIn('the-coastal-herald').map((name) => statSync(path.join(project, 'content/articles/the-coastal-herald', name)).mtimeMs);
		const again = await importArticles([page], options);
		expect(again.counts).toEqual({ imported: 0, present: 1, rejected: 0 });
		expect(photosIn('the-coastal-herald').map((name) => statSync(path.join(project, 'content/articles/the-coastal-herald', name)).mtimeMs)).toEqual(before);
	});

	test('a dry run writes no photo', async () => {
		const report = await importArticles([page], { ...options, dryRun: true });
		expect(report.counts.imported).toBe(1);
		expect(() => readdirSync(path.join(project, 'content'))).toThrow();
	});

	test('an existing file with another photo under the same name is never replaced: the article is rejected', async () => {
		const lead = readFileSync(path.join(inbox, SAVED, 'lead.jpg'));
		const target = path.join(project, 'content/articles/the-coastal-herald/2024/photos', getPhotoName(lead, 'lead.jpg', 'jpg'));
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, 'someone else’s file');
		const report = await importArticles([page], options);
		expect(report.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/already holds a different photo/) });
		expect(readFileSync(target, 'utf8')).toBe('someone else’s file');
		expect(photosIn('the-coastal-herald')).toEqual([`2024/photos/${getPhotoName(lead, 'lead.jpg', 'jpg')}`]);
	});

	test('with --keep-remote-images, a photo the page did not save keeps its address', async () => {
		const report = await importArticles([page], { ...options, keepRemoteImages: true });
		const text = readFileSync(path.join(project, report.results[0]!.file!), 'utf8');
		expect(text).toContain('![A map of the route](https://cdn.coastalherald.example/images/map.jpg)');
		expect(report.results[0]!.leftOut?.some((line) => line.includes('map.jpg'))).toBe(false);
	});
});

describe('finding the photos saved with a page', () => {
	test('a remote address is found in the page’s _files folder by its file name; nothing outside the page’s folder is read', () => {
		const placer = createPhotoPlacer(page, false);
		expect(placer.place('https://cdn.coastalherald.example/images/lead.jpg?w=1200')).toEqual({ ref: expect.stringMatching(/^photos\/[0-9a-f]{8}-lead\.jpg$/) });
		expect(placer.place('../../../etc/passwd')).toEqual({ dropped: expect.stringMatching(/no such photo saved with the page/) });
		expect(placer.place(`./${SAVED}/logo.svg`)).toEqual({ dropped: expect.stringMatching(/not a JPEG, PNG, GIF, WebP or AVIF photo/) });
		expect(placer.place('data:image/png;base64,iVBORw0KGgo=')).toEqual({ dropped: expect.stringMatching(/no such photo/) });
		expect(placer.copies).toHaveLength(1);
	});

	test('without a placer the reader keeps the page’s image addresses, as before', () => {
		const result = readWebPage(html, { file: PAGE, timeZone: 'Europe/London' });
		expect(result.ok && result.draft.image).toBeUndefined();
		expect(result.ok && result.draft.body).toContain('https://cdn.coastalherald.example/images/map.jpg');
	});

	test.each([
		[[0xff, 0xd8, 0xff, 0xe0], 'jpg'],
		[[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
		[[...Buffer.from('GIF89a')], 'gif'],
		[[...Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBP')], 'webp'],
		[[...Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')], undefined],
		[[...Buffer.from('<html>')], undefined],
	])('the bytes %j are a %s photo', (bytes, format) => {
		expect(detectPhotoFormat(Buffer.from(bytes))).toBe(format);
	});
});
