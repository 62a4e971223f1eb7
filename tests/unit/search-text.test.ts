import { describe, expect, test } from 'vitest';
import {
	buildExcerpt,
	findTermRanges,
	getTextFragment,
	isReadyToSearch,
	matchesTerm,
	normalizeWord,
	parseExcerptMarkup,
	splitAtRanges,
	tokenize,
	type TextPart,
} from '../../src/model/search-text.ts';

const marked = (parts: TextPart[]) => parts.filter((part) => part.mark).map((part) => part.text);
const plain = (parts: TextPart[]) => parts.map((part) => part.text).join('');

describe('words', () => {
	test.each([
		['Überseeische', 'uberseeische'],
		['ÇA', 'ca'],
		['Zoë', 'zoe'],
		['ﬁnance', 'finance'],
		['أوبك', 'اوبك'],
	])('normalizeWord(%j) is %j (marks folded like accents, so hamza spellings match)', (word, expected) => {
		expect(normalizeWord(word)).toBe(expected);
	});

	test('splits Chinese text into words although it has no spaces', () => {
		const words = tokenize('东京股市开盘', 'zh');
		expect(words.length).toBeGreaterThan(1);
		expect(words.join('')).toBe('东京股市开盘');
	});

	test('leaves punctuation out of the words', () => {
		expect(tokenize('Honda, (Accord) — “cars”!')).toEqual(['honda', 'accord', 'cars']);
	});

	test.each([
		['honda', 'hon', true],
		['exported', 'export', true],
		['export', 'exports', true],
		['soil', 'oil', false],
		['oil', 'oilfields', false],
		['car', 'cars', false],
	])('the word %j answers the term %j: %s', (word, term, expected) => {
		expect(matchesTerm(word, term)).toBe(expected);
	});
});

describe('findTermRanges', () => {
	test('marks whole words that start with a searched term, whatever their case and accents', () => {
		const text = 'Honda SHIPPED Accords to Taiwan; Übersee hondas';
		expect(findTermRanges(text, ['accord', 'ubersee', 'Honda']).map(({ start, end }) => text.slice(start, end))).toEqual([
			'Honda',
			'Accords',
			'Übersee',
			'hondas',
		]);
	});

	test('finds Chinese terms inside longer runs of characters', () => {
		const text = '野村证券的一位高级分析师';
		expect(findTermRanges(text, ['证券']).map(({ start, end }) => text.slice(start, end))).toEqual(['证券']);
	});

	test('finds nothing for no terms', () => {
		expect(findTermRanges('anything', [])).toEqual([]);
	});
});

describe('excerpts', () => {
	test('splitAtRanges keeps every character and marks only the ranges', () => {
		const parts = splitAtRanges('crude oil prices', [{ start: 6, end: 9 }]);
		expect(plain(parts)).toBe('crude oil prices');
		expect(marked(parts)).toEqual(['oil']);
	});

	test('a Pagefind excerpt becomes text: escaped brackets turn back into characters, marks into marked parts', () => {
		const parts = parseExcerptMarkup('&lt;img src=x onerror=alert(1)&gt; and <mark>Honda</mark> &lt;HMC.T&gt;');
		expect(plain(parts)).toBe('<img src=x onerror=alert(1)> and Honda <HMC.T>');
		expect(marked(parts)).toEqual(['Honda']);
	});

	test('markup other than the marks stays literal text', () => {
		const parts = parseExcerptMarkup('<b>bold</b> <mark><i>x</i></mark>');
		expect(plain(parts)).toBe('<b>bold</b> <i>x</i>');
		expect(marked(parts)).toEqual(['<i>x</i>']);
	});

	test('buildExcerpt shows the words around the first match, with ellipses where it cut', () => {
		const words = Array.from({ length: 100 }, (_, index) => `w${index}`);
		words[60] = 'Accord';
		const parts = buildExcerpt(words.join(' '), ['accord'], 'en', 10);
		expect(marked(parts)).toEqual(['Accord']);
		expect(plain(parts)).toMatch(/^… w\d+ .* …$/);
		expect(plain(parts).split(' ').filter((word) => word !== '…')).toHaveLength(10);
	});

	test('buildExcerpt starts at the beginning when nothing matched', () => {
		expect(plain(buildExcerpt('one two three', [], 'en', 10))).toBe('one two three');
	});
});

describe('getTextFragment', () => {
	test('names each matched word once, without the punctuation around it', () => {
		const parts = parseExcerptMarkup('<mark>(OPEC)</mark> said <mark>OPEC</mark> <mark>cars.</mark>');
		expect(getTextFragment(parts)).toBe('#:~:text=OPEC&text=cars');
	});

	test('encodes the characters a text directive reserves', () => {
		expect(getTextFragment([{ text: 'U.S.-made', mark: true }, { text: 'AT&T,', mark: true }])).toBe('#:~:text=U.S.%2Dmade&text=AT%26T');
	});

	test('is empty when nothing is marked', () => {
		expect(getTextFragment([{ text: 'plain', mark: false }])).toBe('');
	});
});

describe('isReadyToSearch', () => {
	test.each([
		['', true],
		['coffee', true],
		['oil prices', true],
		['oil ', true],
		['o', false],
		['oil', false],
		['oil p', false],
		['oil pri', false],
		['oil pric', true],
		['野', true],
		['東京 株', true],
		['Zoë', false],
		['Zoës', true],
	])('%j: %s', (query, expected) => {
		expect(isReadyToSearch(query)).toBe(expected);
	});
});
