import { getSearchRecordsFile, readSearchRecords } from '../../src/integrations/search.ts';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { writePortableCopy } from '../../src/integrations/portable.ts';
import { buildFixture, distPath, fixturePath, readBuiltFile, readPage } from '../support/fixtures.ts';
import { createTempFixture, type TempFixture } from '../support/temp-fixture.ts';

const FIXTURE = 'photos';
const SITE_URL = 'https://photos.example.org';
const HARBOUR = '/2025/07/24/the-harbour-reopens-to-ferries-after-three-weeks-of-repairs/';
const MARKET = '/2025/07/22/the-fish-market-moves-back-to-the-waterfront/';
const NO_PHOTO = '/2025/07/23/council-publishes-the-timetable-for-the-summer-ferries/';

/** A built file named by a page's `src` or a srcset candidate, as an absolute or root-relative address. */
function builtFile(address: string): string {
	return path.join(distPath(FIXTURE), new URL(address, SITE_URL).pathname);
}

function srcsetAddresses(srcset: string | undefined): string[] {
	return (srcset ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/)[0]!).filter(Boolean);
}

function leadPhoto($: CheerioAPI) {
	return $('.story-header figure.lead-photo img');
}

describe('the lead photo on the article page', () => {
	const $ = readPage(FIXTURE, HARBOUR);
	const image = leadPhoto($);

	test('is an optimised image with its alt text, width, height and a responsive srcset', async () => {
		expect(image).toHaveLength(1);
		expect(image.attr('alt')).toBe('A ferry leaving the harbour at dawn, gulls over the quay');
		expect(image.attr('src')).toMatch(/^\/_astro\/harbour-lead\.[\w-]+\.webp$/);
		const width = Number(image.attr('width'));
		const height = Number(image.attr('height'));
		expect(width).toBeGreaterThan(0);
		expect(height / width).toBeCloseTo(1000 / 1600, 2);
		const candidates = srcsetAddresses(image.attr('srcset'));
		expect(candidates.length).toBeGreaterThan(2);
		expect(image.attr('sizes')).toBeTruthy();
		for (const address of [image.attr('src')!, ...candidates]) expect(existsSync(builtFile(address)), address).toBe(true);
		const served = await sharp(readFileSync(builtFile(image.attr('src')!))).metadata();
		expect(served.width).toBe(width);
	});

	test('loads at once, first: it is above the fold', () => {
		expect(image.attr('loading')).toBe('eager');
		expect(image.attr('fetchpriority')).toBe('high');
	});

	test('shows its caption and credit', () => {
		const caption = $('.story-header figure.lead-photo figcaption');
		expect(caption.text()).toContain('The first ferry of the morning leaves the repaired quay.');
		expect(caption.find('.lead-photo__credit').text()).toBe('Inês Duarte / Photo Desk');
	});

	test('a story without a photo shows none', () => {
		expect(readPage(FIXTURE, NO_PHOTO)('figure, img')).toHaveLength(0);
	});

	test('no photo points anywhere but this site', () => {
		for (const urlPath of [HARBOUR, MARKET, NO_PHOTO, '/']) {
			const page = readPage(FIXTURE, urlPath);
			for (const element of page('img').toArray()) {
				for (const address of [page(element).attr('src')!, ...srcsetAddresses(page(element).attr('srcset'))]) {
					expect(address, `${urlPath}: ${address}`).toMatch(/^\/_astro\//);
				}
			}
		}
	});
});

describe('photos in the text', () => {
	const $ = readPage(FIXTURE, HARBOUR);
	const figures = $('.story__body figure');

	test('a Markdown image with a title and an HTML figure both become figures with captions', () => {
		expect(figures.toArray().map((figure) => $(figure).find('figcaption').text().trim())).toEqual([
			'Commuters queue for the 7.10 ferry. Photo: Inês Duarte',
			'The last block goes in on Tuesday.',
		]);
	});

	test.each([
		[0, 'Commuters queue on the quay', 720, 480],
		[1, 'A crane lifts a concrete block', 400, 300],
	])('figure %i is optimised, no wider than its file or the column, and loads lazily', (index, alt, width, height) => {
		const image = $(figures[index]!).find('img');
		expect(image.attr('alt')).toBe(alt);
		expect(Number(image.attr('width'))).toBe(width);
		expect(Number(image.attr('height'))).toBe(height);
		expect(image.attr('loading')).toBe('lazy');
		expect(image.attr('src')).toMatch(/^\/_astro\/[\w.-]+\.webp$/);
		for (const address of [image.attr('src')!, ...srcsetAddresses(image.attr('srcset'))]) expect(existsSync(builtFile(address)), address).toBe(true);
	});

	test('the handler on the HTML figure’s image is gone', () => {
		for (const element of $('.story__body *').toArray()) {
			if ('attribs' in element) expect(Object.keys(element.attribs).filter((name) => /^on/i.test(name))).toEqual([]);
		}
		expect($.html()).not.toContain('__ASTRO_IMAGE_');
	});
});

describe('the lead photo in link previews, JSON-LD and feeds', () => {
	const $ = readPage(FIXTURE, HARBOUR);
	const ogImage = $('meta[property="og:image"]').attr('content')!;

	test('og:image is an absolute address of a built JPEG of the size it claims', async () => {
		expect(ogImage).toMatch(new RegExp(`^${SITE_URL}/_astro/harbour-lead\\.[\\w-]+\\.jpe?g$`));
		const file = await sharp(readFileSync(builtFile(ogImage))).metadata();
		expect(file.format).toBe('jpeg');
		expect(String(file.width)).toBe($('meta[property="og:image:width"]').attr('content'));
		expect(String(file.height)).toBe($('meta[property="og:image:height"]').attr('content'));
		expect($('meta[property="og:image:alt"]').attr('content')).toBe('A ferry leaving the harbour at dawn, gulls over the quay');
		expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image');
	});

	test('the JSON-LD names the same photo, with its caption and credit', () => {
		const jsonLd = JSON.parse($('script[type="application/ld+json"]').text()) as { image: Record<string, unknown> };
		expect(jsonLd.image).toMatchObject({ '@type': 'ImageObject', url: ogImage, caption: 'The first ferry of the morning leaves the repaired quay.', creditText: 'Inês Duarte / Photo Desk' });
	});

	test('a story without a photo shows the site\'s picture in og:image and JSON-LD, not another story\'s photo', () => {
		const page = readPage(FIXTURE, NO_PHOTO);
		expect(page('meta[property="og:image"]').attr('content')).toMatch(/\/og-image\.png$/);
		expect(JSON.parse(page('script[type="application/ld+json"]').text()).image).toMatch(/\/og-image\.png$/);
	});

	test('the RSS feed carries each lead photo as an enclosure, and the text’s photos at absolute addresses', () => {
		const rss = new XMLParser({ ignoreAttributes: false }).parse(readBuiltFile(FIXTURE, '/feed.xml')).rss.channel.item as Record<string, any>[];
		const byLink = new Map(rss.map((item) => [item.link as string, item]));
		expect(byLink.get(`${SITE_URL}${HARBOUR}`)!.enclosure).toEqual({ '@_url': ogImage, '@_length': '0', '@_type': 'image/jpeg' });
		expect(byLink.get(`${SITE_URL}${MARKET}`)!.enclosure['@_url']).toMatch(/\/_astro\/crane\.[\w-]+\.jpe?g$/);
		expect(byLink.get(`${SITE_URL}${NO_PHOTO}`)!.enclosure).toBeUndefined();
		const body = load(byLink.get(`${SITE_URL}${HARBOUR}`)!['content:encoded'] as string);
		const sources = body('img').toArray().map((image) => body(image).attr('src')!);
		expect(sources).toHaveLength(2);
		for (const source of sources) {
			expect(source).toMatch(new RegExp(`^${SITE_URL}/_astro/`));
			expect(existsSync(builtFile(source)), source).toBe(true);
		}
		expect(body('img[width][height]')).toHaveLength(2);
	});

	test('the JSON feed names each lead photo as the item’s image', () => {
		const feed = JSON.parse(readBuiltFile(FIXTURE, '/feed.json')) as { items: { url: string; image?: string; content_html: string }[] };
		const byUrl = new Map(feed.items.map((item) => [item.url, item]));
		expect(byUrl.get(`${SITE_URL}${HARBOUR}`)!.image).toBe(ogImage);
		expect(byUrl.get(`${SITE_URL}${NO_PHOTO}`)!.image).toBeUndefined();
		expect(byUrl.get(`${SITE_URL}${HARBOUR}`)!.content_html).not.toContain('__ASTRO_IMAGE_');
	});
});

describe('the lead photo on the home page and in story cards', () => {
	const $ = readPage(FIXTURE, '/');

	test('the lead story’s card shows its photo at once; other cards load theirs lazily', () => {
		const lead = $('.story-card--lead .lead-photo img');
		expect(lead.attr('alt')).toBe('A ferry leaving the harbour at dawn, gulls over the quay');
		expect(lead.attr('loading')).toBe('eager');
		const market = $('.story-card').filter((_, card) => $(card).find('a').first().attr('href') === MARKET);
		expect(market.find('.lead-photo img').attr('loading')).toBe('lazy');
		expect(Number(market.find('.lead-photo img').attr('width'))).toBeLessThanOrEqual(320);
	});

	test('cards in archive lists show the photo too, and a story without one shows none', () => {
		const day = readPage(FIXTURE, '/2025/07/22/');
		expect(day('.story-card .lead-photo img').attr('alt')).toBe('A crane over the old market hall');
		expect(readPage(FIXTURE, '/2025/07/23/')('.story-card img')).toHaveLength(0);
	});

});

describe('pages with photos', () => {
	test('every built page has zero html-validate errors', async () => {
		const validator = new HtmlValidate(new FileSystemConfigLoader());
		const files = readdirSync(distPath(FIXTURE), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
		expect(files.length).toBeGreaterThan(10);
		const errors: string[] = [];
		for (const file of files) {
			const report = await validator.validateFile(path.join(distPath(FIXTURE), file));
			for (const message of report.results.flatMap((result) => result.messages)) {
				if (message.severity === 2) errors.push(`${file}:${message.line} ${message.ruleId}: ${message.message}`);
			}
		}
		expect(errors).toEqual([]);
	});
});

describe('photos in the portable copy', () => {
	test('every src and srcset candidate of every photo opens from disk, relative to its page', async () => {
		const out = fixturePath(FIXTURE, 'dist-portable');
		rmSync(out, { recursive: true, force: true });
		const records = readSearchRecords(getSearchRecordsFile(fixturePath(FIXTURE, '.cache')));
		await writePortableCopy({ dist: distPath(FIXTURE), out, base: '/', records });
		const page = `${HARBOUR.slice(1)}index.html`;
		const $ = load(readFileSync(path.join(out, page), 'utf8'));
		const addresses = $('img').toArray().flatMap((image) => [$(image).attr('src')!, ...srcsetAddresses($(image).attr('srcset'))]);
		expect(addresses.length).toBeGreaterThan(6);
		for (const address of addresses) {
			expect(address, address).toMatch(/^\.\.\//);
			expect(existsSync(path.join(out, path.dirname(page), address)), address).toBe(true);
		}
	});
});

describe('rebuilding an archive with photos', () => {
	const created: TempFixture[] = [];
	afterAll(() => created.forEach((made) => made.remove()));

	test('right after another archive was built, every photo still resolves; the ledger balances and lists no shown photo as ignored', async () => {
		// Astro keeps one list of images to import per project: another archive's build leaves its own there.
		const other = createTempFixture('photos-other', { 'plain.md': `---\ntitle: Plain\ndate: '2025-07-24'\nbylines: []\nsource: Wire\n---\nNo photo.\n` });
		created.push(other);
		expect((await other.build()).ok).toBe(true);
		const result = await buildFixture(FIXTURE, { outDir: 'dist-ledger' });
		expect(result.ok, result.output).toBe(true);
		expect(result.output).toMatch(/3 articles \(0 rendered, 3 unchanged\)/);
		const feed = readBuiltFile(FIXTURE, '/feed.json', 'dist-ledger');
		expect(feed).not.toContain('__ASTRO_IMAGE_');
		expect((JSON.parse(feed) as { items: { image?: string }[] }).items.filter((item) => item.image)).toHaveLength(2);
		expect(result.output).toContain('ledger: 3 files found = 3 articles + 0 drafts; 3 pages written; 3 search records');
		expect(result.output).not.toMatch(/ignored: .*\.(jpg|png|webp)/);
	}, 180_000);
});

describe('building archives with broken photos', () => {
	const created: TempFixture[] = [];
	afterAll(() => created.forEach((made) => made.remove()));
	const header = (title: string, extra = '') => `---\ntitle: ${title}\ndate: '2025-07-24'\nbylines: []\nsource: Wire\n${extra}---\n`;

	test('a missing, a broken and a remote photo each fail the build, naming the article and the field', async () => {
		const jpeg = readFileSync(fixturePath(FIXTURE, 'content', 'articles', '2025', 'harbour-lead.jpg'));
		const fixture = createTempFixture('photos-refused', {
			'fine.md': `${header('Fine')}A fine story.\n`,
			'missing-lead.md': `${header('Missing lead', 'image: { src: gone.jpg, alt: Gone }\n')}Text.\n`,
			'broken-lead.md': `${header('Broken lead', 'image: { src: broken.jpg, alt: Broken }\n')}Text.\n`,
			'broken.jpg': jpeg.subarray(0, 200),
			'missing-inline.md': `${header('Missing inline')}Text.\n\n![Gone](photos/gone.png "Caption")\n`,
			'remote-inline.md': `${header('Remote inline')}Text.\n\n<img src="https://cdn.example.org/tracker.jpg" alt="Remote">\n`,
			'no-alt.md': `${header('No alt', 'image: { src: broken.jpg }\n')}Text.\n`,
		});
		created.push(fixture);
		const result = await fixture.build();
		expect(result.ok).toBe(false);
		const at = (file: string) => `tests/fixtures/tmp-photos-refused/content/articles/${file}`.replace(/[.]/g, '\\.');
		for (const [file, message] of [
			['missing-lead.md', /image\.src: "gone\.jpg" is missing/],
			['broken-lead.md', /image\.src: "broken\.jpg" cannot be decoded as a photo/],
			['missing-inline.md', /the photo "\.\/photos\/gone\.png" in the text is missing/],
			['remote-inline.md', /the photo "https:\/\/cdn\.example\.org\/tracker\.jpg" in the text is a remote address/],
			['no-alt.md', /image\.alt: a photo needs alt text/],
		] as const) {
			expect(result.output, file).toMatch(new RegExp(`${at(file)}: .*${message.source}`));
		}
		expect(result.output).not.toMatch(/fine\.md: /);
	}, 180_000);
});
