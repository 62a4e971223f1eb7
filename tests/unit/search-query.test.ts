import { describe, expect, test } from 'vitest';
import { formatIndexQuery, getUnspacedRuns, holdsRuns, parseQuery, splitIndexWords } from '../../src/scripts/search/query.ts';

describe('parseQuery', () => {
	test.each([
		['plain words stay words, case and inner punctuation kept for the index', 'Honda’s U.S. exports', { words: ['Honda’s', 'U.S', 'exports'], phrases: [], excluded: [] }],
		['currency signs and percent signs around figures are dropped', 'UK homes hit £3.3 trillion total', { words: ['UK', 'homes', 'hit', '3.3', 'trillion', 'total'], phrases: [], excluded: [] }],
		['figures typed with a sign and a unit keep the unit', 'takings to $21.6m £11.4m', { words: ['takings', 'to', '21.6m', '11.4m'], phrases: [], excluded: [] }],
		['a percentage', 'rose 24% in', { words: ['rose', '24', 'in'], phrases: [], excluded: [] }],
		['a hyphenated word is one word', 'a five-year plan', { words: ['a', 'five-year', 'plan'], phrases: [], excluded: [] }],
		['a quoted run is required and kept as a phrase', 'opec "fixed prices" ceiling', { words: ['opec', 'fixed', 'prices', 'ceiling'], phrases: ['fixed prices'], excluded: [] }],
		['curly quotes work as straight ones', 'opec “fixed prices”', { words: ['opec', 'fixed', 'prices'], phrases: ['fixed prices'], excluded: [] }],
		['one quoted word is a word, not a phrase', '"opec" prices', { words: ['opec', 'prices'], phrases: [], excluded: [] }],
		['an unpaired quote is ignored', 'opec "fixed prices', { words: ['opec', 'fixed', 'prices'], phrases: [], excluded: [] }],
		['a word after a minus is excluded', 'opec -saudi prices', { words: ['opec', 'prices'], phrases: [], excluded: ['saudi'] }],
		['a hyphen inside a word or a lone minus excludes nothing', 'year-end - results', { words: ['year-end', 'results'], phrases: [], excluded: [] }],
		['Chinese runs stay whole', '东京股市', { words: ['东京股市'], phrases: [], excluded: [] }],
	])('%s', (_, query, expected) => {
		expect(parseQuery(query)).toEqual(expected);
	});
});

describe('formatIndexQuery', () => {
	test('the words go to the index separated by spaces', () => {
		expect(formatIndexQuery(parseQuery('£3.3 trillion, total'))).toBe('3.3 trillion total');
	});

	test('a query that is one quoted phrase goes to the index quoted, so it matches the words in order', () => {
		expect(formatIndexQuery(parseQuery('“fixed prices”'))).toBe('"fixed prices"');
	});

	test('a phrase beside other words goes as plain words; the phrase is checked apart', () => {
		expect(formatIndexQuery(parseQuery('opec "fixed prices"'))).toBe('opec fixed prices');
	});

	test('a query of excluded words alone asks the index for no words', () => {
		expect(formatIndexQuery(parseQuery('-saudi'))).toBe('');
	});
});

describe('runs of Chinese and Japanese', () => {
	test('a Chinese run is split into the words a segmenter finds in it, which together spell the run', () => {
		const words = splitIndexWords('东京股市开盘前');
		expect(words.length).toBeGreaterThan(1);
		expect(words.join('')).toBe('东京股市开盘前');
	});

	test('a word in a spaced script is left whole', () => {
		expect(splitIndexWords('Autohersteller')).toEqual(['Autohersteller']);
	});

	test('the runs of a query are its Chinese or Japanese words of two characters or more', () => {
		expect(getUnspacedRuns(parseQuery('Nomura 野村证券 株 oil'))).toEqual(['野村证券']);
	});

	test('a story holds a run when its text has the characters together, whatever spaces the index put between them', () => {
		expect(holdsRuns('东京 股市\n开盘 前', ['股市开盘'])).toBe(true);
		expect(holdsRuns('东京股市收盘', ['股市开盘'])).toBe(false);
	});
});
