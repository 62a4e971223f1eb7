import { describe, expect, test } from 'vitest';
import { chooseCorrections, correctQuery, findCloseWord, getEditDistance } from '../../src/scripts/search/spelling.ts';
import { rankCandidates } from '../../src/scripts/search/ranking.ts';

describe('getEditDistance', () => {
	test.each([
		['the same word', 'budget', 'budget', 0],
		['two neighbouring letters swapped count as one edit', 'budget', 'budegt', 1],
		['a letter dropped', 'budget', 'budet', 1],
		['a letter doubled', 'budget', 'buddget', 1],
		['a letter changed', 'budget', 'bodget', 1],
		['two edits', 'government', 'govermnet', 2],
	])('%s', (_, a, b, expected) => {
		expect(getEditDistance(a, b, 2)).toBe(expected);
	});

	test('stops at the limit: words further apart come back as one more than the limit', () => {
		expect(getEditDistance('coffee', 'tariff', 1)).toBe(2);
		expect(getEditDistance('a', 'abcdef', 2)).toBe(3);
	});
});

describe('findCloseWord', () => {
	test('finds the word of the text one edit from a misspelt word', () => {
		expect(findCloseWord('budegt', 'The federal budget deficit widened, the budget office said.')).toBe('budget');
	});

	test('allows two edits for a long word', () => {
		expect(findCloseWord('govermnet', 'The government said the government would act')).toBe('government');
	});

	test('prefers the closer word, then the more frequent', () => {
		expect(findCloseWord('pricse', 'pricey pricey prices')).toBe('prices');
		expect(findCloseWord('pricez', 'prices pricey pricey')).toBe('pricey');
	});

	test('leaves out short words, figures and words starting with another letter', () => {
		expect(findCloseWord('oli', 'oil output')).toBeUndefined();
		expect(findCloseWord('1987', '1988 figures')).toBeUndefined();
		expect(findCloseWord('wheat', 'cheat sheet')).toBeUndefined();
	});

	test('compares without case or accents', () => {
		expect(findCloseWord('Zurrich', 'Banks in Zürich said')).toBe('zurich');
	});
});

describe('correctQuery', () => {
	test('replaces the misspelt word and keeps everything else as typed', () => {
		expect(correctQuery('OPEC ceilling "fixed prices" -saudi', new Map([['ceilling', 'ceiling']]))).toBe('OPEC ceiling "fixed prices" -saudi');
	});

	test('finds the typed word whatever its case', () => {
		expect(correctQuery('Budegt deficit', new Map([['budegt', 'budget']]))).toBe('budget deficit');
	});

	test('with no corrections the query is unchanged', () => {
		expect(correctQuery('oil prices', new Map())).toBe('oil prices');
	});
});

describe('chooseCorrections', () => {
	test('takes the spelling most of the stories hold, the better-ranked story deciding a tie', () => {
		const chosen = chooseCorrections([new Map([['budgte', 'budgets']]), new Map([['budgte', 'budget']]), new Map([['budgte', 'budget']]), new Map()]);
		expect([...chosen]).toEqual([['budgte', 'budget']]);
		expect([...chooseCorrections([new Map([['budgte', 'budgets']]), new Map([['budgte', 'budget']])])]).toEqual([['budgte', 'budgets']]);
	});
});

describe('ranking with close spellings', () => {
	test('a story lacking the misspelt word but holding it spelt close comes before one lacking it outright', () => {
		const lacking = { name: 'lacking', score: 9, locations: [10, 11, 13], missing: ['budegt'] };
		const close = { name: 'close', score: 1, locations: [40, 41, 43], missing: ['budegt'], closeWords: 1 };
		expect(rankCandidates([lacking, close], 4).map((candidate) => candidate.name)).toEqual(['close', 'lacking']);
	});
});
