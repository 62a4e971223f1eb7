import { describe, expect, test } from 'vitest';
import { toPortableHref } from '../../src/outputs/portable-links.ts';

describe('toPortableHref', () => {
	test.each([
		['a folder becomes its index.html', '/1987/', '1987/03/26/honda/index.html', '/', '../../../index.html'],
		['the home page from the home page', '/', 'index.html', '/', 'index.html'],
		['a sibling story', '/1987/03/27/autos/', '1987/03/26/honda/index.html', '/', '../../27/autos/index.html'],
		['a file keeps its name', '/_astro/Base.css', 'search/index.html', '/', '../_astro/Base.css'],
		['query and fragment are kept', '/search/?q=oil&page=2#results', 'index.html', '/', 'search/index.html?q=oil&page=2#results'],
		['a base path is left behind', '/archive/1987/', 'bylines/a/index.html', '/archive/', '../../1987/index.html'],
		['the base itself, without its slash', '/archive', '1987/index.html', '/archive/', '../index.html'],
		['a percent-encoded address into a folder with a non-Latin name', '/1987/03/12/%D8%A3%D9%88%D8%A8%D9%83/', '1987/03/12/أوبك/index.html', '/', 'index.html'],
	])('%s', (_, address, fromFile, base, expected) => {
		expect(toPortableHref(address, fromFile, base)).toBe(expected);
	});

	test.each([
		['another site', 'https://example.org/a/'],
		['a protocol-relative address', '//cdn.example.org/x.js'],
		['a mail address', 'mailto:desk@example.org'],
		['an anchor', '#main'],
		['an already relative path', '../x/'],
		['an address outside the base path', '/elsewhere/'],
	])('leaves %s alone', (_, address) => {
		expect(toPortableHref(address, '1987/index.html', '/archive/')).toBe(address);
	});

	test('resolves, from the page it is on, to the file the site address names', () => {
		const from = '1987/03/26/honda/index.html';
		for (const address of ['/news/', '/news/1987/03/', '/news/search/?q=a', '/news/_astro/x.css']) {
			const relative = toPortableHref(address, from, '/news/');
			const resolved = new URL(relative, `file:///usb/${from}`).href;
			const expected = address.replace('/news/', 'file:///usb/').replace(/\/(\?|$)/, '/index.html$1');
			expect(resolved).toBe(expected);
		}
	});
});
