import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createUploadsPlacer, getPhotoName } from '../../src/tooling/import/images.ts';
import { importArticles, type ImportOptions } from '../../src/tooling/import/import-articles.ts';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { parseArticle } from '../../src/model/parse-article.ts';
import { resolveArticleImages } from '../../src/loader/article-images.ts';

const SITE = 'https://valley-times.example';

/** One post with a featured image, a photo of the text kept in the uploads copy, a resized one and one that is not. */
const wxr = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>The Valley Times</title>
	<link>${SITE}</link>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<item>
		<title><![CDATA[Ferry returns to the lake after repairs]]></title>
		<link>${SITE}/2020/01/15/ferry-returns/</link>
		<dc:creator><![CDATA[Jo Park]]></dc:creator>
		<content:encoded><![CDATA[<!-- wp:paragraph --><p>LAKESIDE — The ferry carried passengers again on Wednesday after four months of repairs.</p><!-- /wp:paragraph -->

<!-- wp:image --><figure class="wp-block-image"><img src="${SITE}/wp-content/uploads/2020/01/ferry.jpg" alt="The ferry at the pier" /><figcaption>The ferry at the pier on Wednesday.</figcaption></figure><!-- /wp:image -->

<p>The crossing takes twenty minutes.</p>

<img src="${SITE}/wp-content/uploads/2020/01/deck-300x200.png" alt="The new deck" />

<img src="${SITE}/wp-content/uploads/2020/01/captain.jpg" alt="The captain" />

<p>Tickets cost $4.</p>]]></content:encoded>
		<wp:post_id>7</wp:post_id>
		<wp:post_date><![CDATA[2020-01-15 09:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2020-01-15 14:00:00]]></wp:post_date_gmt>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[70]]></wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title><![CDATA[ferry]]></title>
		<excerpt:encoded><![CDATA[The ferry leaves the pier, photographed by Jo Park.]]></excerpt:encoded>
		<wp:post_id>70</wp:post_id>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:post_parent>7</wp:post_parent>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:attachment_url><![CDATA[${SITE}/wp-content/uploads/2020/01/ferry.jpg]]></wp:attachment_url>
		<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[The ferry leaves the pier]]></wp:meta_value></wp:postmeta>
	</item>
</channel>
</rss>
`;

let project: string;
let exportFile: string;
let uploads: string;
let options: ImportOptions;

beforeEach(async () => {
	project = mkdtempSync(path.join(tmpdir(), 'clippings-import-wxr-photos-'));
	const backup = path.join(project, 'backup');
	uploads = path.join(backup, 'wp-content', 'uploads', '2020', '01');
	mkdirSync(uploads, { recursive: true });
	exportFile = path.join(backup, 'valleytimes.WordPress.2020-02-01.xml');
	writeFileSync(exportFile, wxr);
	await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a5d84' } }).jpeg().toFile(path.join(uploads, 'ferry.jpg'));
	await sharp({ create: { width: 40, height: 30, channels: 3, background: '#84602a' } }).png().toFile(path.join(uploads, 'deck.png'));
	options = { root: project, content: 'content', timeZone: 'America/Chicago' };
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('importing a WordPress export with a copy of its uploads', () => {
	test('the featured image and the photos of the text are copied next to the article, which points at files that exist', async () => {
		const report = await importArticles([exportFile], options);
		expect(report.counts).toMatchObject({ imported: 1, rejected: 0 });
		const result = report.results.find((item) => item.status === 'imported')!;
		const text = readFileSync(path.join(project, result.file!), 'utf8');
		const parsed = parseArticle(text, result.file!);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
		const ferry = getPhotoName(readFileSync(path.join(uploads, 'ferry.jpg')), 'ferry.jpg', 'jpg');
		const deck = getPhotoName(readFileSync(path.join(uploads, 'deck.png')), 'deck.png', 'png');
		expect(parsed.article.data.image).toEqual({ src: `photos/${ferry}`, alt: 'The ferry leaves the pier', caption: 'The ferry leaves the pier, photographed by Jo Park.' });
		expect(parsed.article.body).toContain(`![The new deck](photos/${deck})`);
		expect(parsed.article.body).not.toContain('ferry.jpg');
		expect(parsed.article.body).not.toMatch(/https?:\/\/|captain/);
		const folder = path.dirname(path.join(project, result.file!));
		for (const name of [ferry, deck]) expect(statSync(path.join(folder, 'photos', name)).isFile()).toBe(true);
		const checked = await resolveArticleImages(result.file!, parsed.article.data.image, renderMarkdown(parsed.article.body), {
			root: project,
			contentDirectory: path.join(project, 'content'),
			remoteImages: false,
		});
		expect(checked.problems).toEqual([]);
	});

	test('a photo missing from the uploads copy is left out and listed in the report, never hotlinked', async () => {
		const report = await importArticles([exportFile], options);
		const result = report.results.find((item) => item.status === 'imported')!;
		expect(result.leftOut).toEqual([
			expect.stringMatching(/^image "https:\/\/valley-times\.example\/wp-content\/uploads\/2020\/01\/captain\.jpg" \(The captain\): not in a copy of the uploads beside the export .*--keep-remote-images/),
		]);
	});

	test('with --keep-remote-images, the missing photo keeps its address', async () => {
		const report = await importArticles([exportFile], { ...options, keepRemoteImages: true });
		const result = report.results.find((item) => item.status === 'imported')!;
		expect(readFileSync(path.join(project, result.file!), 'utf8')).toContain(`![The captain](${SITE}/wp-content/uploads/2020/01/captain.jpg)`);
		expect(result.leftOut ?? []).toEqual([]);
	});

	test('an uploads folder directly beside the export is found too, and importing again writes nothing', async () => {
		const backup = path.dirname(exportFile);
		const flat = path.join(project, 'flat');
		mkdirSync(path.join(flat, 'uploads', '2020', '01'), { recursive: true });
		writeFileSync(path.join(flat, 'export.xml'), wxr);
		for (const name of ['ferry.jpg', 'deck.png']) writeFileSync(path.join(flat, 'uploads', '2020', '01', name), readFileSync(path.join(backup, 'wp-content', 'uploads', '2020', '01', name)));
		const first = await importArticles([path.join(flat, 'export.xml')], options);
		const result = first.results.find((item) => item.status === 'imported')!;
		const photos = path.join(path.dirname(path.join(project, result.file!)), 'photos');
		const before = readdirSync(photos).map((name) => statSync(path.join(photos, name)).mtimeMs);
		expect(before).toHaveLength(2);
		const again = await importArticles([path.join(flat, 'export.xml')], options);
		expect(again.counts).toMatchObject({ imported: 0, present: 1 });
		expect(readdirSync(photos).map((name) => statSync(path.join(photos, name)).mtimeMs)).toEqual(before);
	});

	test('an address outside the uploads, or climbing out of them, is never looked up', () => {
		const placer = createUploadsPlacer(exportFile, false);
		expect(placer.place(`${SITE}/wp-content/uploads/2020/01/../../../../valleytimes.WordPress.2020-02-01.xml`)).toEqual({ dropped: expect.stringMatching(/not in a copy of the uploads/) });
		expect(placer.place(`${SITE}/wp-content/uploads/%2e%2e/%2e%2e/%2e%2e/valleytimes.WordPress.2020-02-01.xml`)).toEqual({ dropped: expect.stringMatching(/not in a copy of the uploads/) });
		expect(placer.place(`${SITE}/2020/01/ferry.jpg`)).toEqual({ dropped: expect.stringMatching(/not in a copy of the uploads/) });
		expect(placer.place(`/wp-content/uploads/2020/01/ferry.jpg`)).toEqual({ ref: expect.stringMatching(/^photos\/[0-9a-f]{8}-ferry\.jpg$/) });
	});
});
