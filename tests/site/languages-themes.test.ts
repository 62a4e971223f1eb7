import { readdirSync } from 'node:fs';
import path from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { describe, expect, test } from 'vitest';
import { distPath, readBuiltFile, readPage } from '../support/fixtures.ts';

const ARABIC = 'arabic';
const THEMED = 'themed';
const ENGLISH_STORY = '/2025/07/24/harbour-authority-publishes-new-timetable-for-container-ships/';
const ARABIC_STORY = `/2025/07/22/${encodeURIComponent('الصيادون-يعودون-إلى-البحر-بعد-موسم-هادئ')}/`;

function listHtml(name: string): string[] {
	return readdirSync(distPath(name), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.html'))
		.map((file) => `/${file.split(path.sep).join('/')}`);
}

describe('an archive in Arabic', () => {
	test('every page but the English story is Arabic and right to left from its <html> element', () => {
		for (const file of listHtml(ARABIC)) {
			const $ = readPage(ARABIC, file);
			const expected = decodeURI(file).startsWith(decodeURI(ENGLISH_STORY)) ? ['en', 'ltr'] : ['ar', 'rtl'];
			expect([$('html').attr('lang'), $('html').attr('dir')], file).toEqual(expected);
		}
	});

	test('the masthead, navigation, search form and footer speak Arabic', () => {
		const $ = readPage(ARABIC, '/');
		expect($('a.skip-link').text()).toBe('انتقل إلى المحتوى');
		expect($('nav.masthead__nav').attr('aria-label')).toBe('الأقسام');
		expect($('nav.masthead__nav a').map((_, link) => $(link).text()).get()).toEqual(['الأحدث', 'الأرشيف', 'الكتّاب', 'المصادر', 'المواضيع', 'البحث']);
		expect($('.masthead__search button').text()).toBe('ابحث');
		expect($('#latest-heading').text()).toBe('أحدث المقالات');
		expect($('.site-footer nav a').first().text()).toBe('تصفّح الأرشيف');
	});

	test('a story in English keeps its own language and direction, while the page around it stays Arabic', () => {
		const $ = readPage(ARABIC, ENGLISH_STORY);
		expect($('title').text()).toBe('Harbour authority publishes new timetable for container ships — أرشيف الميناء');
		expect($('header.masthead').attr('lang')).toBe('ar');
		expect($('header.masthead').attr('dir')).toBe('rtl');
		expect($('.story-header__meta').attr('dir')).toBe('rtl');
	});

	test('counts use the Arabic plural forms: one, two, few', () => {
		expect(readPage(ARABIC, '/2025/06/')('h1 .meta').text()).toBe('مقال واحد');
		expect(readPage(ARABIC, '/2025/07/')('h1 .meta').text()).toBe('3 مقالات');
		expect(readPage(ARABIC, '/2025/')('h1 .meta').text()).toBe('4 مقالات');
		expect(readPage(ARABIC, '/bylines/')('.group-index li').first().text()).toMatch(/مقال/);
	});

	test('a story page’s bylines, reading time, corrections and neighbours are in Arabic', () => {
		const $ = readPage(ARABIC, ARABIC_STORY);
		expect($('.story-header__bylines').text()).toBe('بقلم ليلى منصور');
		expect($('.story-header__reading').text()).toBe('قراءة في دقيقة واحدة');
		expect($('#corrections-heading').text()).toBe('تصحيح');
		expect($('.neighbours__label').map((_, label) => $(label).text()).get()).toEqual(['المقال السابق', 'المقال التالي']);
	});

	test('the pagination arrows point the way the page reads: newer to the right, older to the left', () => {
		const $ = readPage(ARABIC, '/page/1/');
		expect($('.pagination a[rel="prev"]').text()).toBe('→ الأحدث');
		expect(readPage(ARABIC, '/')('.pagination a[rel="next"]').text()).toBe('الأقدم ←');
		expect(readPage(ARABIC, '/2025/07/')('.period-nav a[rel="prev"]').text()).toMatch(/^→ /);
	});

	test('the 404 page and the search page are in Arabic, down to the strings the search script writes', () => {
		expect(readPage(ARABIC, '/404.html')('h1').text()).toBe('لم نجد هذه الصفحة');
		const $ = readPage(ARABIC, '/search/');
		expect($('title').text()).toBe('ابحث في الأرشيف — أرشيف الميناء');
		const messages = JSON.parse($('[data-search-page]').attr('data-messages') ?? '{}') as Record<string, unknown>;
		expect(messages['search.notFound']).toBe('لم يُعثر على مقالات{query}.');
		expect($('[data-search-page]').attr('data-prompt')).toBe('اكتب كلمة أو اسمًا للبحث في 4 مقالات.');
	});

	test('the offline section is in Arabic, and hands its script the Arabic messages with every plural form', () => {
		const $ = readPage(ARABIC, '/search/');
		expect($('#search-offline-heading').text()).toBe('القراءة دون اتصال');
		expect($('[data-offline-save]').text()).toBe('احفظ الأرشيف للقراءة دون اتصال');
		expect($('[data-offline]').attr('data-lang')).toBe('ar');
		const messages = JSON.parse($('[data-offline]').attr('data-messages') ?? '{}') as Record<string, unknown>;
		expect(messages['offline.saving']).toBe('جارٍ الحفظ…');
		expect(Object.keys(messages['offline.files'] as object).sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
	});

	test('the group feeds are titled in Arabic', () => {
		const feed = JSON.parse(readBuiltFile(ARABIC, `/bylines/${encodeURIComponent('ليلى-منصور')}/feed.json`)) as { title: string };
		expect(feed.title).toBe('مقالات بقلم ليلى منصور — أرشيف الميناء');
	});
});

describe('a re-themed archive', () => {
	test('the design tokens of the settings reach /theme.css, linked after the archive’s own styles', () => {
		const css = readBuiltFile(THEMED, '/theme.css');
		expect(css).toContain('--color-accent: #0b6e4f;');
		expect(css).toContain('--page-width: 64rem;');
		expect(css).toMatch(/prefers-color-scheme: dark[\s\S]*--color-paper: #0d1b21;/);
		const $ = readPage(THEMED, '/');
		expect($('body > link[rel="stylesheet"]').map((_, link) => $(link).attr('href')).get()).toEqual(['/theme.css', '/brand/ledger.css']);
		expect($('head style').length).toBeGreaterThan(0);
	});

	test('the logo, favicon, theme colour, extra links and footer text come from the settings', () => {
		const $ = readPage(THEMED, '/');
		expect($('.masthead__title img').attr('src')).toBe('/brand/logo.svg');
		expect($('.masthead__title img').attr('alt')).toBe('The Harbour Ledger');
		expect($('.masthead__title source').attr('srcset')).toBe('/brand/logo-dark.svg');
		expect($('link[rel="icon"]').attr('href')).toBe('/brand/icon.svg');
		expect($('meta[name="theme-color"]').first().attr('content')).toBe('#f4f7f6');
		expect($('nav.masthead__nav a').map((_, link) => $(link).text()).get().slice(-2)).toEqual(['About', 'Harbour Trust']);
		expect($('.site-footer__note').text()).toBe('© The Harbour Ledger. Corrections: desk@ledger.example.org');
	});

	test('a keeper’s own wording replaces the shipped strings', () => {
		const $ = readPage(THEMED, '/');
		expect($('nav.masthead__nav a').first().text()).toBe('Front page');
		expect($('#latest-heading').text()).toBe('Today’s paper');
	});

	test('an archive without a theme writes no theme stylesheet and links none', () => {
		expect(() => readBuiltFile('basic', '/theme.css')).toThrow(/was not built/);
		expect(readPage('basic', '/')('body > link[rel="stylesheet"]')).toHaveLength(0);
	});
});

describe('valid HTML in other languages and looks', () => {
	test.each([ARABIC, THEMED])('every page of the %s archive has zero html-validate errors', async (name) => {
		const validator = new HtmlValidate(new FileSystemConfigLoader());
		const errors: string[] = [];
		for (const file of listHtml(name)) {
			const report = await validator.validateFile(path.join(distPath(name), decodeURI(file)));
			for (const result of report.results) for (const message of result.messages) if (message.severity === 2) errors.push(`${file}:${message.line} ${message.ruleId}: ${message.message}`);
		}
		expect(errors).toEqual([]);
	});
});
