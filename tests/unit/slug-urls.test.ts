import { describe, expect, test } from 'vitest';
import { slugify } from '../../src/model/slug.ts';
import { getAbsoluteUrl, getArticlePath, getBylinePath, getHomePagePath, getSearchPath, withBase } from '../../src/model/urls.ts';

describe('slugify', () => {
	test.each([
		['US recalls its team from Doha', 'us-recalls-its-team-from-doha'],
		['Hamas’ “latest” response — explained', 'hamas-latest-response-explained'],
		['Zoë Ortiz', 'zoë-ortiz'],
		['张文博', '张文博'],
		['محمد', 'محمد'],
		['Ｆｕｌｌｗｉｄｔｈ ５', 'fullwidth-5'],
		['  --- ', ''],
		['Don’t panic: it’s 2025!', 'dont-panic-its-2025'],
	])('%s → %s', (input, expected) => {
		expect(slugify(input)).toBe(expected);
	});

	test('a very long headline is cut at a word boundary below 80 characters', () => {
		const slug = slugify('word '.repeat(40));
		expect(slug.length).toBeLessThanOrEqual(80);
		expect(slug.endsWith('-')).toBe(false);
		expect(slug.split('-').every((part) => part === 'word')).toBe(true);
	});
});

describe('urls', () => {
	test('an article lives at /YYYY/MM/DD/slug/, with non-ASCII slugs percent-encoded', () => {
		expect(getArticlePath({ year: '2025', month: '07', day: '24', slug: 'us-team' })).toBe('/2025/07/24/us-team/');
		expect(getArticlePath({ year: '2025', month: '07', day: '24', slug: '张文博' })).toBe('/2025/07/24/%E5%BC%A0%E6%96%87%E5%8D%9A/');
		expect(getBylinePath('zoë-ortiz')).toBe('/bylines/zo%C3%AB-ortiz/');
	});

	test('the home page is the root and the numbered pages, from the oldest, live under /page/', () => {
		expect(getHomePagePath()).toBe('/');
		expect(getHomePagePath(1)).toBe('/page/1/');
		expect(getHomePagePath(3)).toBe('/page/3/');
	});

	test('search addresses carry an encoded query', () => {
		expect(getSearchPath()).toBe('/search/');
		expect(getSearchPath('gaza & doha')).toBe('/search/?q=gaza%20%26%20doha');
	});

	test.each([
		['/', '/2025/', '/2025/'],
		['/archive/', '/2025/', '/archive/2025/'],
		['/archive', '/', '/archive/'],
	])('with base %s, %s becomes %s', (base, path, expected) => {
		expect(withBase(path, base)).toBe(expected);
	});

	test('absolute addresses include the base path', () => {
		expect(getAbsoluteUrl('/2025/', 'https://example.org', '/archive/')).toBe('https://example.org/archive/2025/');
	});
});
