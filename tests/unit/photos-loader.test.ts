import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkArticles } from '../../src/tooling/check-articles.ts';
import { renderMarkdown } from '../../src/model/markdown.ts';
import {
	BODY_IMAGE_WIDTH,
	fingerprintArticleImages,
	IMAGE_IMPORT_PREFIX,
	listShownPhotos,
	resolveArticleImages,
	type ArticleImagePolicy,
} from '../../src/loader/article-images.ts';

let root: string;
let policy: ArticleImagePolicy;
const ARTICLE = 'content/articles/2025/ferries.md';

beforeAll(async () => {
	root = mkdtempSync(path.join(tmpdir(), 'clippings-photos-'));
	const folder = path.join(root, 'content', 'articles', '2025');
	mkdirSync(path.join(folder, 'photos'), { recursive: true });
	const photo = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } });
	await photo(1600, 900).jpeg().toFile(path.join(folder, 'lead.jpg'));
	await photo(400, 300).png().toFile(path.join(folder, 'photos', 'small.png'));
	const jpeg = readFileSync(path.join(folder, 'lead.jpg'));
	writeFileSync(path.join(folder, 'cut-short.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
	writeFileSync(path.join(folder, 'not-a-photo.jpg'), 'This is a text file with the wrong name.\n');
	writeFileSync(path.join(folder, 'drawing.png'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script></svg>');
	writeFileSync(path.join(root, 'outside.jpg'), jpeg);
	symlinkSync(path.join(root, 'outside.jpg'), path.join(folder, 'linked.jpg'));
	policy = { root, contentDirectory: path.join(root, 'content'), remoteImages: false };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const resolve = (image: { src: string; alt: string } | undefined, markdown = 'Text.', options: Partial<ArticleImagePolicy> = {}) =>
	resolveArticleImages(ARTICLE, image, renderMarkdown(markdown), { ...policy, ...options });

describe('the photos of an article, checked by the loader', () => {
	test('a lead photo next to the article is handed to the image pipeline, relative to the article', async () => {
		const result = await resolve({ src: 'lead.jpg', alt: 'Ferries' });
		expect(result.problems).toEqual([]);
		expect(result.fields.image).toEqual({ src: `${IMAGE_IMPORT_PREFIX}./lead.jpg`, alt: 'Ferries' });
	});

	test('a photo in the text is handed to the pipeline and shown no wider than its file or the column', async () => {
		const result = await resolve(undefined, '![Small](photos/small.png "A small one")\n\n![Lead](lead.jpg)');
		expect(result.problems).toEqual([]);
		expect(result.fields.bodyImages).toEqual([
			{ path: './photos/small.png', src: `${IMAGE_IMPORT_PREFIX}./photos/small.png` },
			{ path: './lead.jpg', src: `${IMAGE_IMPORT_PREFIX}./lead.jpg` },
		]);
		const widths = [...result.html.matchAll(/__ASTRO_IMAGE_="([^"]*)"/g)].map(([, json]) => JSON.parse(json!.replace(/&#x22;/g, '"')).width);
		expect(widths).toEqual([400, BODY_IMAGE_WIDTH]);
	});

	test.each([
		['a missing lead photo', { src: 'gone.jpg', alt: 'A' }, undefined, 'image.src', /"gone\.jpg" is missing/],
		['a photo cut short', { src: 'cut-short.jpg', alt: 'A' }, undefined, 'image.src', /"cut-short\.jpg" cannot be decoded as a photo/],
		['a text file named .jpg', { src: 'not-a-photo.jpg', alt: 'A' }, undefined, 'image.src', /"not-a-photo\.jpg" cannot be decoded as a photo/],
		['an SVG named .png', { src: 'drawing.png', alt: 'A' }, undefined, 'image.src', /"drawing\.png" is not a photo \(svg\)/],
		['an SVG file', { src: 'drawing.svg', alt: 'A' }, undefined, 'image.src', /is not a photo file the archive can optimise/],
		['a photo outside the content folder', { src: '../../../outside.jpg', alt: 'A' }, undefined, 'image.src', /is outside the content folder/],
		['a link to a photo outside the content folder', { src: 'linked.jpg', alt: 'A' }, undefined, 'image.src', /links outside the content folder/],
		['a remote lead photo', { src: 'https://cdn.example.org/a.jpg', alt: 'A' }, undefined, 'image.src', /is a remote address; save the photo next to the article, or allow remote photos/],
		['a missing photo in the text', undefined, '![A](photos/gone.png)', undefined, /the photo "\.\/photos\/gone\.png" in the text is missing/],
		['a remote photo in the text', undefined, '![A](https://cdn.example.org/a.jpg)', undefined, /the photo "https:\/\/cdn\.example\.org\/a\.jpg" in the text is a remote address/],
	])('%s is a problem naming the article', async (_case, image, markdown, field, message) => {
		const result = await resolve(image, markdown);
		expect(result.problems).toEqual([{ file: ARTICLE, field, message: expect.stringMatching(message) }]);
	});

	test('remote photos pass as they are when the site allows them', async () => {
		const result = await resolve({ src: 'https://cdn.example.org/a.jpg', alt: 'A' }, '![B](https://cdn.example.org/b.jpg)', { remoteImages: true });
		expect(result.problems).toEqual([]);
		expect(result.fields.image).toEqual({ src: 'https://cdn.example.org/a.jpg', alt: 'A' });
	});

	test('an image address that names no photo file is left as written, with a warning naming the article', async () => {
		const result = await resolve(undefined, '<img src=x alt=X>');
		expect(result.problems).toEqual([]);
		expect(result.warnings).toEqual([`${ARTICLE}: the image "x" in the text names no photo file next to the article; it is left as written`]);
	});

	test('the fingerprint changes when a photo file changes or disappears', async () => {
		const fingerprint = () => fingerprintArticleImages(ARTICLE, { src: 'lead.jpg', alt: 'A' }, [{ path: './photos/small.png' }], policy);
		const before = await fingerprint();
		utimesSync(path.join(root, 'content/articles/2025/photos/small.png'), new Date(), new Date(Date.now() + 5_000));
		const touched = await fingerprint();
		expect(touched).not.toBe(before);
		expect(await fingerprintArticleImages(ARTICLE, { src: 'gone.jpg', alt: 'A' }, [], policy)).toBe('gone.jpg:missing');
	});

	test('photos that stored articles show are known by their path from the project root', () => {
		const shown = listShownPhotos([
			{ filePath: ARTICLE, data: { image: { src: './lead.jpg' }, bodyImages: [{ path: './photos/small.png' }] } },
			{ filePath: 'content/articles/2024/old.md', data: { image: { src: 'https://cdn.example.org/a.jpg' } } },
		]);
		expect([...shown].sort()).toEqual(['content/articles/2025/lead.jpg', 'content/articles/2025/photos/small.png']);
	});
});

describe('npm run check and photos', () => {
	test('finds the photo problems the build would fail on, and does not list shown photos as ignored', async () => {
		const header = (title: string, image: string) => `---\ntitle: ${title}\ndate: '2025-07-24'\nbylines: []\nsource: Wire\n${image}---\nText.\n`;
		writeFileSync(path.join(root, 'content/articles/2025/good.md'), header('Good', 'image: { src: lead.jpg, alt: Ferries }\n'));
		writeFileSync(path.join(root, 'content/articles/2025/bad.md'), header('Bad', 'image: { src: gone.jpg, alt: Ferries }\n'));
		try {
			const result = await checkArticles({
				root,
				directory: path.join(root, 'content', 'articles'),
				timeZone: 'UTC',
				read: (file) => readFileSync(path.join(root, file)),
				photos: { contentDirectory: policy.contentDirectory, remoteImages: false },
			});
			expect(result.lines).toEqual(['content/articles/2025/bad.md: image.src: "gone.jpg" is missing: no such file next to the article']);
			const ignored = result.ignored.map((skip) => skip.file);
			expect(ignored).not.toContain('content/articles/2025/lead.jpg');
			expect(ignored).toContain('content/articles/2025/photos/small.png');
		} finally {
			rmSync(path.join(root, 'content/articles/2025/good.md'));
			rmSync(path.join(root, 'content/articles/2025/bad.md'));
		}
	});
});
