import { describe, expect, test } from 'vitest';
import { CATALOGUES, createTranslator, getCatalogue, type MessageKey } from '../../src/i18n/index.ts';
import { en } from '../../src/i18n/en.ts';
import { splitAround } from '../../src/i18n/split.ts';
import { OFFLINE_MESSAGE_KEYS } from '../../src/scripts/search/offline.ts';
import { parseSiteConfig } from '../../src/model/config.ts';

const KEYS = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('interface catalogues', () => {
	test('English, German, French, Spanish, Arabic and Chinese ship', () => {
		expect(Object.keys(CATALOGUES).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'zh']);
	});

	test.each(Object.keys(CATALOGUES))('the %s catalogue has every key of the English one, each with the same kind of message', (lang) => {
		const catalogue = CATALOGUES[lang]!;
		expect(Object.keys(catalogue).sort()).toEqual([...KEYS].sort());
		for (const key of KEYS) expect(typeof catalogue[key], key).toBe(typeof en[key]);
	});

	test.each(Object.keys(CATALOGUES))('every plural message in %s uses only the plural categories of the language', (lang) => {
		const categories: string[] = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
		for (const key of KEYS) {
			const message = CATALOGUES[lang]![key];
			if (typeof message === 'string') continue;
			for (const form of Object.keys(message)) expect(categories, `${lang} ${key} ${form}`).toContain(form);
		}
	});

	test('every Arabic plural message has all six forms: zero, one, two, few, many and other', () => {
		for (const key of KEYS) {
			const message = CATALOGUES.ar![key];
			if (typeof message !== 'string') expect(Object.keys(message).sort(), key).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
		}
	});

	test.each(Object.keys(CATALOGUES))('no %s message uses a placeholder the English one does not fill', (lang) => {
		for (const key of KEYS) {
			const allowed = new Set(Object.values(typeof en[key] === 'string' ? { other: en[key] } : en[key]).flatMap((text) => placeholders(text as string)));
			allowed.add('count');
			const message = CATALOGUES[lang]![key];
			for (const text of Object.values(typeof message === 'string' ? { other: message } : message)) {
				for (const name of placeholders(text)) expect(allowed.has(name), `${lang} ${key} {${name}}`).toBe(true);
			}
		}
	});
});

describe('createTranslator', () => {
	test.each([
		['en', 1, '1 story'],
		['en', 1200, '1,200 stories'],
		['de', 2, '2 Artikel'],
		['fr', 0, '0 article'],
		['fr', 2, '2 articles'],
		['es', 1, '1 noticia'],
		['ar', 1, 'مقال واحد'],
		['ar', 2, 'مقالان'],
		['ar', 3, '3 مقالات'],
		['ar', 11, '11 مقالًا'],
		['ar', 100, '100 مقال'],
		['zh', 5, '5 篇报道'],
	])('%s counts %d stories as "%s"', (lang, count, expected) => {
		expect(createTranslator(lang).t('count.stories', { count })).toBe(expected);
	});

	test('a regional or script tag gets its language’s catalogue, and an unknown language gets English', () => {
		expect(getCatalogue('de-AT')).toBe(CATALOGUES.de);
		expect(getCatalogue('zh-Hans-CN')).toBe(CATALOGUES.zh);
		expect(getCatalogue('sv')).toBe(CATALOGUES.en);
	});

	test('a keeper’s override replaces the shipped message and keeps its placeholders working', () => {
		const ui = createTranslator('de', { 'nav.latest': 'Aktuell', 'count.stories': { one: 'ein Text', other: '{count} Texte' } });
		expect(ui.t('nav.latest')).toBe('Aktuell');
		expect(ui.t('count.stories', { count: 1 })).toBe('ein Text');
		expect(ui.t('count.stories', { count: 3 })).toBe('3 Texte');
		expect(ui.t('nav.archive')).toBe('Archiv');
	});

	test('arrows point the way a right-to-left language reads', () => {
		expect(createTranslator('ar').arrows).toEqual({ start: '→', end: '←' });
		expect(createTranslator('fr').arrows).toEqual({ start: '←', end: '→' });
	});

	test('a plural message without a count is an error, not a silent "undefined"', () => {
		expect(() => createTranslator('en').t('count.stories')).toThrow(/numeric count/);
	});
});

describe('splitAround', () => {
	test.each([
		['By {names}', '{names}', ['By ', '']],
		['作者：{names}', '{names}', ['作者：', '']],
		['3 stories', '3', ['', ' stories']],
		['مقالان', '2', undefined],
	] as const)('splits "%s" around "%s"', (text, piece, expected) => {
		expect(splitAround(text, piece)).toEqual(expected);
	});
});

describe('interface strings in the settings', () => {
	const base = { title: 'G', url: 'https://x.org' };

	test('known keys with the right kind of message are accepted', () => {
		const strings = { 'nav.latest': 'Now', 'count.stories': { one: '{count} item', other: '{count} items' } };
		expect(parseSiteConfig({ ...base, strings }).strings).toEqual(strings);
	});

	test.each([
		[{ 'nav.lastest': 'Now' }, /strings\.nav\.lastest: there is no interface string "nav\.lastest"/],
		[{ 'count.stories': 'items' }, /strings\.count\.stories: "count\.stories" depends on a number/],
		[{ 'nav.latest': { other: 'Now' } }, /strings\.nav\.latest: "nav\.latest" is plain text/],
	])('%j is refused with a message naming the key', (strings, message) => {
		expect(() => parseSiteConfig({ ...base, strings })).toThrow(message);
	});
});

describe('the offline section’s messages', () => {
	test('every offline.* message of the catalogue is either in the markup (heading, intro, button) or handed to the script, and nothing else', () => {
		const catalogue = Object.keys(en).filter((key) => key.startsWith('offline.')).sort();
		expect(catalogue).toEqual(['offline.heading', 'offline.intro', 'offline.save', ...OFFLINE_MESSAGE_KEYS].sort());
	});
});
