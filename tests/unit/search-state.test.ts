import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
	EMPTY_SEARCH_STATE,
	countPages,
	formatSearchParams,
	formatSearchQuery,
	getEffectiveSort,
	getSearchFilters,
	hasCriteria,
	parseSearchState,
	selectDays,
	selectMonthsInRange,
	toggleFacetValue,
	type SearchState,
} from '../../src/model/search-state.ts';

const state = (changes: Partial<SearchState>): SearchState => ({ ...EMPTY_SEARCH_STATE, ...changes });

describe('parseSearchState', () => {
	test('reads the example address from the issue', () => {
		expect(parseSearchState('?q=ceasefire&source=CNN&from=2025-01&sort=newest')).toEqual(
			state({ q: 'ceasefire', source: ['CNN'], from: '2025-01', sort: 'newest' }),
		);
	});

	test('an empty query string is the empty search', () => {
		expect(parseSearchState('')).toEqual(EMPTY_SEARCH_STATE);
	});

	test.each([
		['an unknown sort', '?sort=random', { sort: 'relevance' }],
		['a page of zero', '?page=0', { page: 1 }],
		['a fractional page', '?page=2.5', { page: 1 }],
		['a page that is not a number', '?page=two', { page: 1 }],
		['a month thirteen', '?from=2025-13', { from: '' }],
		['a full date instead of a month', '?to=2025-01-31', { to: '' }],
		['a range given backwards', '?from=2025-06&to=2024-02', { from: '2024-02', to: '2025-06' }],
		['a language tag in capitals', '?lang=DE', { lang: 'de' }],
		['a language that is not a tag', '?lang=not%20a%20tag', { lang: '' }],
		['control characters and runs of spaces in the words', '?q=%20oil%0A%0A%20%20prices%20', { q: 'oil prices' }],
	] as const)('forgives %s', (_, query, expected) => {
		expect(parseSearchState(query)).toEqual(state(expected as Partial<SearchState>));
	});

	test('keeps every value of a repeated facet once, in the order given', () => {
		expect(parseSearchState('?byline=Rich+Miller&byline=Peter+Torday&byline=Rich+Miller').byline).toEqual(['Rich Miller', 'Peter Torday']);
	});

	test('keeps names with commas, ampersands and scripts other than Latin intact', () => {
		const names = ['Smith, John', 'AT&T', 'محمد', '王小明', '<img src=x onerror=alert(1)>'];
		const query = formatSearchQuery(state({ byline: names }));
		expect(parseSearchState(query).byline).toEqual(names);
	});
});

describe('formatSearchParams', () => {
	test('leaves defaults out, so the empty search has no query string', () => {
		expect(formatSearchQuery(EMPTY_SEARCH_STATE)).toBe('');
	});

	test('writes parameters in one fixed order whatever order the state was built in', () => {
		const built = state({ page: 3, sort: 'oldest', to: '1987-04', topic: ['acq'], q: 'merger', source: ['Reuters'] });
		expect(formatSearchParams(built).toString()).toBe('q=merger&source=Reuters&topic=acq&to=1987-04&sort=oldest&page=3');
	});

	test.each([
		['words only', '?q=oil'],
		['every field', '?q=oil+prices&source=Reuters&source=18F&byline=Rich+Miller&year=1987&topic=crude&lang=de&from=1987-02&to=1987-05&sort=newest&page=4'],
		['facets without words', '?year=2015&year=2016&sort=oldest'],
	])('an address with %s survives a round trip unchanged', (_, query) => {
		expect(formatSearchQuery(parseSearchState(query))).toBe(query);
	});
});

describe('getSearchFilters', () => {
	const months = ['1987-02', '1987-03', '1987-04', '2015-06', '2016-01'];

	test('asks for any chosen value within a facet and every facet at once', () => {
		expect(getSearchFilters(state({ source: ['Reuters', '18F'], year: ['1987'] }), months)).toEqual({
			source: { any: ['Reuters', '18F'] },
			year: { any: ['1987'] },
		});
	});

	test('turns the date range into the months the index holds inside it', () => {
		expect(getSearchFilters(state({ from: '1987-03', to: '2015-12' }), months)).toEqual({
			month: { any: ['1987-03', '1987-04', '2015-06'] },
		});
	});

	test('a range with no stories in it still filters, and matches nothing', () => {
		expect(getSearchFilters(state({ from: '1990-01', to: '1990-12' }), months)).toEqual({ month: { any: [] } });
	});

	test('leaves out the facet being counted but keeps the others', () => {
		const chosen = state({ source: ['Reuters'], byline: ['Rich Miller'], lang: 'en' });
		expect(getSearchFilters(chosen, months, 'source')).toEqual({ byline: { any: ['Rich Miller'] }, lang: { any: ['en'] } });
	});
});

describe('selectMonthsInRange', () => {
	test.each([
		['', '', ['1987-02', '1987-03', '2015-06']],
		['1987-03', '', ['1987-03', '2015-06']],
		['', '1987-03', ['1987-02', '1987-03']],
		['1987-03', '1987-03', ['1987-03']],
	])('from %j to %j', (from, to, expected) => {
		expect(selectMonthsInRange(['2015-06', '1987-02', '1987-03'], from, to)).toEqual(expected);
	});
});

describe('changing a search', () => {
	test('choosing a facet value adds it and returns to the first page', () => {
		expect(toggleFacetValue(state({ page: 4, source: ['18F'] }), 'source', 'Reuters')).toEqual(state({ source: ['18F', 'Reuters'] }));
	});

	test('choosing a chosen value again removes it', () => {
		expect(toggleFacetValue(state({ topic: ['acq', 'crude'] }), 'topic', 'acq').topic).toEqual(['crude']);
	});

	test('a search by facets alone is ordered newest first, one with words by relevance', () => {
		expect(getEffectiveSort(state({ year: ['1987'] }))).toBe('newest');
		expect(getEffectiveSort(state({ q: 'oil' }))).toBe('relevance');
		expect(getEffectiveSort(state({ year: ['1987'], sort: 'oldest' }))).toBe('oldest');
	});

	test.each([
		[state({}), false],
		[state({ sort: 'newest', page: 2 }), false],
		[state({ q: 'oil' }), true],
		[state({ topic: ['acq'] }), true],
		[state({ lang: 'de' }), true],
		[state({ to: '1987-03' }), true],
	])('hasCriteria(%j) is %s', (searched, expected) => {
		expect(hasCriteria(searched)).toBe(expected);
	});

	test.each([
		[0, 1],
		[1, 1],
		[10, 1],
		[11, 2],
		[95, 10],
	])('%d results make %d pages', (results, pages) => {
		expect(countPages(results)).toBe(pages);
	});
});

describe('selectDays', () => {
	const counts = { '1987-03-02': 4, '1987-03-03': 8, '1987-03-04': 0, '1987-03-05': 3 };

	test.each([
		['newest first, page 1', 0, true, { days: ['1987-03-05', '1987-03-03'], skip: 0 }],
		['newest first, page 2', 10, true, { days: ['1987-03-03', '1987-03-02'], skip: 7 }],
		['oldest first, page 1', 0, false, { days: ['1987-03-02', '1987-03-03'], skip: 0 }],
		['oldest first, page 2', 10, false, { days: ['1987-03-03', '1987-03-05'], skip: 6 }],
		['past the last result', 20, true, { days: [], skip: 0 }],
	] as const)('%s', (_, first, newestFirst, expected) => {
		expect(selectDays(counts, first, 10, newestFirst)).toEqual(expected);
	});

	test('every result lands on exactly one page, in order', () => {
		const many = Object.fromEntries(Array.from({ length: 30 }, (_, day) => [`2025-01-${String(day + 1).padStart(2, '0')}`, (day * 7) % 5]));
		const total = Object.values(many).reduce((sum, count) => sum + count, 0);
		const order = Object.keys(many).sort().reverse().flatMap((day) => Array.from({ length: many[day]! }, (_, index) => `${day}#${index}`));
		const paged: string[] = [];
		for (let first = 0; first < total; first += 10) {
			const { days, skip } = selectDays(many, first, 10, true);
			paged.push(...order.filter((entry) => days.includes(entry.slice(0, 10))).slice(skip, skip + 10));
		}
		expect(paged).toEqual(order);
	});
});

describe('the address is the state', () => {
	// Values as the page writes them: no control characters, no runs of spaces (reading cleans those up).
	const word = fc.stringMatching(/^[\p{L}\p{N}][\p{L}\p{N} ,&'’-]{0,15}[\p{L}\p{N}]$/u).map((text) => text.replace(/\s+/g, ' '));
	const month = fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`);
	const states = fc
		.record({
			q: fc.oneof(fc.constant(''), word),
			source: fc.uniqueArray(word, { maxLength: 3 }),
			byline: fc.uniqueArray(word, { maxLength: 3 }),
			year: fc.uniqueArray(fc.integer({ min: 1900, max: 2099 }).map(String), { maxLength: 3 }),
			topic: fc.uniqueArray(word, { maxLength: 3 }),
			lang: fc.constantFrom('', 'en', 'de', 'zh-hant'),
			from: fc.oneof(fc.constant(''), month),
			to: fc.oneof(fc.constant(''), month),
			sort: fc.constantFrom('relevance', 'newest', 'oldest'),
			page: fc.integer({ min: 1, max: 500 }),
		})
		.map((generated) => (generated.from && generated.to && generated.from > generated.to ? { ...generated, from: generated.to, to: generated.from } : generated) as SearchState);

	test('any search written to an address and read back is the same search', () => {
		fc.assert(
			fc.property(states, (generated) => {
				expect(parseSearchState(formatSearchQuery(generated))).toEqual(generated);
			}),
		);
	});

	test('reading an address and writing it again gives the same address', () => {
		fc.assert(
			fc.property(states, (generated) => {
				expect(formatSearchQuery(parseSearchState(formatSearchQuery(generated)))).toBe(formatSearchQuery(generated));
			}),
		);
	});
});
