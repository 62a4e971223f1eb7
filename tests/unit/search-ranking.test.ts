import { describe, expect, test } from 'vitest';
import { countDensestWindow, hasPhraseMatch, rankCandidates, type RankCandidate } from '../../src/scripts/search/ranking.ts';

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

	test('is false when there are no candidates', () => {
		expect(hasPhraseMatch([], 2)).toBe(false);
	});
});
