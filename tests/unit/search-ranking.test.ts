import { describe, expect, test } from 'vitest';
import { countDensestWindow, hasPhraseMatch, rankCandidates, toComparableWords, type RankCandidate } from '../../src/scripts/search/ranking.ts';

const candidate = (name: string, score: number, locations: number[], missing: string[] = [], wholeWords?: boolean) => ({ name, score, locations, missing, wholeWords });
const names = (ranked: { name: string }[]) => ranked.map((entry) => entry.name);

describe('countDensestWindow', () => {
	test.each([
		['no positions', [], 3, 0],
		['one position', [7], 3, 1],
		['a run of three in a window of three', [3, 9, 4, 5, 12], 3, 3],
		['a run with one gap', [3, 5, 6, 20], 4, 3],
		['positions repeated (a word matched twice at one place) count once', [4, 4, 5, 5], 2, 2],
		['scattered positions', [1, 10, 20, 30], 4, 1],
		['unsorted input', [30, 2, 1, 0], 3, 3],
	])('%s', (_, locations, width, expected) => {
		expect(countDensestWindow(locations, width)).toBe(expected);
	});
});

describe('rankCandidates', () => {
	test('a story holding the typed words together comes before one that mentions them more often apart', () => {
		const ranked = rankCandidates([candidate('scattered', 40, [2, 30, 61, 90, 120]), candidate('together', 5, [50, 51, 52, 53])], 4);
		expect(names(ranked)).toEqual(['together', 'scattered']);
	});

	test('among stories holding the words together, the index’s score decides', () => {
		const ranked = rankCandidates([candidate('low', 3, [0, 1]), candidate('high', 9, [10, 11])], 2);
		expect(names(ranked)).toEqual(['high', 'low']);
	});

	test('a story with the run but one misspelt word it lacks beats stories with every word scattered', () => {
		const ranked = rankCandidates([candidate('scattered', 30, [1, 40, 80, 120]), candidate('misspelt', 4, [10, 11, 13], ['budgte'])], 4);
		expect(names(ranked)).toEqual(['misspelt', 'scattered']);
	});

	test('at the same number of words together, a story with every word comes before one lacking a word', () => {
		const ranked = rankCandidates([candidate('lacking', 50, [5, 6], ['opec']), candidate('every', 1, [5, 6, 40])], 3);
		expect(names(ranked)).toEqual(['every', 'lacking']);
	});

	test('from merged language indexes, a whole-word match comes before a match inside a longer word', () => {
		const ranked = rankCandidates([candidate('Autohersteller', 80, [3], [], false), candidate('auto', 2, [9], [], true)], 1);
		expect(names(ranked)).toEqual(['auto', 'Autohersteller']);
	});

	test('equal candidates keep the order they came in, and the input is left as it was', () => {
		const input = [candidate('first', 1, [0]), candidate('second', 1, [0])];
		expect(names(rankCandidates(input, 1))).toEqual(['first', 'second']);
		expect(names(input)).toEqual(['first', 'second']);
	});

	test('a story with the words in the order typed comes before one with the same words together in another order', () => {
		const reordered = { ...candidate('reordered', 30, [10, 11, 12]) };
		const inOrder = { ...candidate('in order', 2, [40, 41, 42]), exact: true };
		expect(names(rankCandidates([reordered, inOrder], 3))).toEqual(['in order', 'reordered']);
	});

	test('the words in the order typed count only for a story that has every word', () => {
		const lacking = { ...candidate('lacking', 50, [3, 4], ['opec']), exact: true };
		const every = candidate('every', 1, [7, 8, 30]);
		expect(names(rankCandidates([lacking, every], 3))).toEqual(['every', 'lacking']);
	});

	test('candidates equal in everything else are ordered by their tiebreak, whichever index answered first', () => {
		const a = { ...candidate('a', 4, [1, 2]), tiebreak: 'en:aa' };
		const b = { ...candidate('b', 4, [5, 6]), tiebreak: 'de:bb' };
		expect(names(rankCandidates([a, b], 2))).toEqual(['b', 'a']);
		expect(names(rankCandidates([b, a], 2))).toEqual(['b', 'a']);
	});

	test('a story whose headline is the query word for word comes first, before others holding the words in order', () => {
		const other = { ...candidate('other', 40, [0, 1, 2]), exact: true };
		const typed = { ...candidate('headline', 3, [0, 1, 2]), exact: true, headline: true };
		expect(names(rankCandidates([other, typed], 3))).toEqual(['headline', 'other']);
	});

	test('lists from several indexes or index parts rank as one list', () => {
		const partA: RankCandidate[] = [candidate('a-scattered', 20, [1, 50])];
		const partB: RankCandidate[] = [candidate('b-together', 2, [7, 8])];
		expect(names(rankCandidates([...partA, ...partB] as { name: string; score: number; locations: number[]; missing: string[] }[], 2))).toEqual(['b-together', 'a-scattered']);
	});
});

describe('hasPhraseMatch', () => {
	test('is true when a story with every word has them together', () => {
		expect(hasPhraseMatch([candidate('x', 1, [1, 40]), candidate('y', 1, [8, 9])], 2)).toBe(true);
	});

	test('is false when every word is there only scattered, or only stories lacking a word have the run', () => {
		expect(hasPhraseMatch([candidate('x', 1, [1, 40])], 2)).toBe(false);
		expect(hasPhraseMatch([candidate('y', 1, [8, 9], ['z'])], 3)).toBe(false);
	});

	test('is true when the index found every word in the order typed', () => {
		expect(hasPhraseMatch([{ ...candidate('x', 1, [1, 40, 90]), exact: true }], 3)).toBe(true);
	});

	test('is false when there are no candidates', () => {
		expect(hasPhraseMatch([], 2)).toBe(false);
	});
});

describe('toComparableWords', () => {
	test('a headline and a query compare without case, accents or punctuation', () => {
		expect(toComparableWords('Kaneb Energy Partners Ltd <kep> 4th Qtr Loss')).toBe(toComparableWords('kaneb energy partners ltd kep 4th qtr loss'));
		expect(toComparableWords('February U.s. Purchasing Manager Index Falls')).toBe(toComparableWords('February U.s Purchasing Manager Index Falls'));
		expect(toComparableWords('Zürich')).toBe('zurich');
	});

	test('a headline with another figure or a longer word does not compare equal', () => {
		expect(toComparableWords('Go 1.13 is released')).not.toBe(toComparableWords('Go 1.3 is released'));
		expect(toComparableWords('Comalco Says Lower Costs Helped Return To Profit')).not.toBe(toComparableWords('Comalco Says Lower Costs Helped Return To Profits'));
	});
});
