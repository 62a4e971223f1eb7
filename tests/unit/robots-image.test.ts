import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { DEFAULT_IMAGE_SIZE, renderDefaultImage } from '../../src/outputs/social-image.ts';
import { renderRobotsTxt } from '../../src/outputs/sitemaps.ts';
import { getAbsoluteUrl, getSitemapIndexPath } from '../../src/model/urls.ts';

describe('robots.txt', () => {
	test('allows every page and points at the sitemap index under the base path', () => {
		expect(renderRobotsTxt(getAbsoluteUrl(getSitemapIndexPath(), 'https://news.example.org', '/archive/'))).toBe(
			'User-agent: *\nAllow: /\n\nSitemap: https://news.example.org/archive/sitemap-index.xml\n',
		);
	});
});

describe('the site’s image', () => {
	const png = Buffer.from(renderDefaultImage({ paper: '#f4f7f6', ink: '#0b2530', accent: '#0b6e4f', rule: 'rgb(1 2 3)' }));

	test('is a 1200×630 PNG', () => {
		expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([DEFAULT_IMAGE_SIZE.width, DEFAULT_IMAGE_SIZE.height]);
	});

	test('is drawn in the theme’s colours, and a colour that is not #rrggbb falls back to the default', () => {
		const idat = png.indexOf('IDAT');
		const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
		const pixel = (x: number, y: number) => [...rows.subarray(y * (1200 * 3 + 1) + 1 + x * 3, y * (1200 * 3 + 1) + 4 + x * 3)];
		expect(pixel(5, 300)).toEqual([0xf4, 0xf7, 0xf6]);
		expect(pixel(5, 5)).toEqual([0x0b, 0x25, 0x30]);
		expect(pixel(100, 240)).toEqual([0x0b, 0x6e, 0x4f]);
		expect(pixel(100, 335)).toEqual([0xda, 0xd6, 0xcd]);
	});
});
