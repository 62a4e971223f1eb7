import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/model/config.ts';

describe('parseSiteConfig', () => {
	test('fills in defaults for everything but the title and url', () => {
		expect(parseSiteConfig({ title: 'Gazette', url: 'https://news.example.org' })).toEqual({
			title: 'Gazette',
			description: 'A searchable archive of news stories.',
			url: 'https://news.example.org',
			base: '/',
			timeZone: 'UTC',
			lang: 'en',
			pageSize: 20,
			content: 'content',
			remoteImages: false,
			wires: [],
		});
	});

	test('adds the trailing slash a base path needs', () => {
		expect(parseSiteConfig({ title: 'G', url: 'https://x.org', base: '/archive' }).base).toBe('/archive/');
	});

	test.each([
		[{ url: 'https://x.org' }, /title: .*give the archive a title/],
		[{ title: 'G', url: 'news.example.org' }, /url: .*full address/],
		[{ title: 'G', url: 'https://x.org', timeZone: 'Mars/Olympus' }, /timeZone: timeZone "Mars\/Olympus" is not an IANA time zone/],
		[{ title: 'G', url: 'https://x.org', pageSize: 0 }, /pageSize: pageSize must be at least 1/],
		[{ title: 'G', url: 'https://x.org', base: 'archive/' }, /base: base must start with "\/"/],
		[{ title: 'G', url: 'https://x.org', lang: 'not a language' }, /lang: lang must be a BCP 47 language tag/],
		[{ title: 'G', url: 'https://x.org', timezone: 'UTC' }, /\(options\): unknown setting "timezone"/],
		[{ title: 'G', url: 'https://x.org', wires: 'AFP' }, /wires: wires must be a list of names/],
		[{ title: 'G', url: 'https://x.org', wires: ['  '] }, /wires\.0: a name in wires must not be empty/],
	])('%j is refused with a message naming the setting', (input, message) => {
		expect(() => parseSiteConfig(input)).toThrow(message);
	});

	test('wires lists the keeper\'s own wires and publishers, tidied of spaces', () => {
		expect(parseSiteConfig({ title: 'G', url: 'https://x.org', wires: [' Agência Brasil ', 'Notimex'] }).wires).toEqual(['Agência Brasil', 'Notimex']);
	});

	test('every problem is listed at once', () => {
		expect(() => parseSiteConfig({ url: 'nope', pageSize: -1 })).toThrow(/title[\s\S]*url[\s\S]*pageSize/);
	});
});
