import { describe, expect, test } from 'vitest';
import { DAY_PAGE_SIZE, getDayPageEntries, getGroupIndexOf, getLetterPageEntries } from '../../src/derived/archive-pages.ts';
import { buildCalendar } from '../../src/derived/calendar.ts';
import { createLetterFiler, getGroupIndex, getLetterPages, groupByLetter, MOST_STORIES_LIMIT, selectMostStories } from '../../src/derived/group-letters.ts';
import { groupByName, type NamedGroup } from '../../src/derived/groupings.ts';
import { createTranslator } from '../../src/i18n/index.ts';
import { formatNameLetter } from '../../src/outputs/name-letters.ts';
import { getDayPath, getGroupLetterPath } from '../../src/model/urls.ts';
import { createSeededRandom } from '../support/seeded-random.ts';

const group = (name: string, stories = 1): NamedGroup<string> => ({ name, slug: name.toLowerCase(), stories: Array.from({ length: stories }, (_, index) => `${name}-${index}`) });
const keysOf = (lang: string, names: string[]) => groupByLetter(names.map((name) => group(name)), lang).map(({ letter, groups }) => [letter.key, groups.map(({ name }) => name)]);

describe('the letter a name is filed under', () => {
	test.each([
		['en', 'Élise Martin', 'e', 'E'],
		['en', 'émile zola', 'e', 'E'],
		['fr', 'Œuvre Collective', 'o', 'O'],
		['en', 'Øystein Berg', 'o', 'O'],
		['de', 'Ärzte ohne Grenzen', 'a', 'A'],
		['de', 'ßeta', 's', 'S'],
		['es', 'Ñandú Press', 'n', 'N'],
		['en', 'Łukasz Nowak', 'l', 'L'],
		['en', '“Quoted” Name', 'q', 'Q'],
		['en', '@newsdesk', 'n', 'N'],
		['en', '(AP) Staff', 'a', 'A'],
		['en', 'ʻAkaka Daniel', 'a', 'A'],
		['ar', 'أحمد علي', 'ا', 'ا'],
		['ar', 'إبراهيم', 'ا', 'ا'],
		['ar', 'محمد', 'م', 'م'],
		['ar', 'Zoë Ortiz', 'z', 'Z'],
		['zh', '张文博', 'z', 'Z'],
		['zh', '阿明', 'a', 'A'],
		['zh', 'Anna Li', 'a', 'A'],
	])('in %s, “%s” is filed under %s', (lang, name, key, text) => {
		expect(createLetterFiler(lang).getLetter(name)).toEqual({ key, kind: 'letter', text });
	});

	test.each([
		['en', 'Владимир Путин', 'cyrl'],
		['en', 'Ωmega Group', 'grek'],
		['en', 'محمد', 'arab'],
		['en', '张文博', 'hani'],
		['ar', '张文博', 'hani'],
		['de', '김민준', 'hang'],
		['zh', 'محمد', 'arab'],
	])('in %s, “%s”, in a script not the archive’s own, is filed under its script (%s)', (lang, name, key) => {
		expect(createLetterFiler(lang).getLetter(name)).toMatchObject({ key, kind: 'script' });
	});

	test.each(['3M', '1984 Collective', '٣ نجوم', '  42'])('“%s”, starting with a digit of any script, is filed under 0-9', (name) => {
		expect(createLetterFiler('en').getLetter(name)).toEqual({ key: '0-9', kind: 'digits', text: '0-9' });
	});

	test.each(['—', '***', '🙂', ''])('“%s”, with no letter or digit, is filed under other', (name) => {
		expect(createLetterFiler('en').getLetter(name)).toEqual({ key: 'other', kind: 'other', text: 'other' });
	});

	test('the same name written composed or decomposed is filed alike', () => {
		const filer = createLetterFiler('en');
		expect(filer.getLetter('E\u0301lise')).toEqual(filer.getLetter('\u00c9lise'));
	});

	test('no letter key is “page” or ends like a feed, so letter addresses never meet a name’s own', () => {
		const names = ['Page', 'page', 'Feed.xml', 'Other Desk', 'Letter'];
		for (const lang of ['en', 'de', 'fr', 'es', 'ar', 'zh']) {
			for (const { letter } of groupByLetter(names.map((name) => group(name)), lang)) {
				expect(letter.key).not.toBe('page');
				expect(letter.key).not.toMatch(/\.(xml|json)$/);
				expect(getGroupLetterPath('bylines', letter.key)).toMatch(/^\/bylines\/letter\/[^/]+\/$/);
			}
		}
	});
});

describe('an index split by letter', () => {
	const NAMES = ['Zoë Ortiz', 'zeta', 'Élise', 'Emil', 'Anne', 'Øre', 'Владимир', '3M', 'محمد', '张文博', '—', 'Bo Li', 'Äsa'];

	test('letters follow the alphabet, then scripts, digits and other names; names are alphabetical within each', () => {
		expect(keysOf('en', NAMES)).toEqual([
			['a', ['Anne', 'Äsa']],
			['b', ['Bo Li']],
			['e', ['Élise', 'Emil']],
			['o', ['Øre']],
			['z', ['zeta', 'Zoë Ortiz']],
			['arab', ['محمد']],
			['cyrl', ['Владимир']],
			['hani', ['张文博']],
			['0-9', ['3M']],
			['other', ['—']],
		]);
	});

	test('an Arabic archive puts its own letters first, in its own order, and keeps A–Z for Latin names', () => {
		expect(keysOf('ar', ['Zoë', 'ليلى منصور', 'عمر حداد', 'أحمد', 'Anne']).map(([key]) => key)).toEqual(['ا', 'ع', 'ل', 'a', 'z']);
	});

	test('a Chinese archive files Han names by pinyin among the Latin letters', () => {
		expect(keysOf('zh', ['张文博', 'Zoë', '阿明', 'Anne', '李娜'])).toEqual([
			['a', ['阿明', 'Anne']],
			['l', ['李娜']],
			['z', ['张文博', 'Zoë']],
		]);
	});

	test('the result is the same whatever order the names come in', () => {
		const random = createSeededRandom(7);
		const expected = keysOf('en', NAMES);
		for (let round = 0; round < 20; round++) {
			const shuffled = [...NAMES].sort(() => random() - 0.5);
			expect(keysOf('en', shuffled)).toEqual(expected);
		}
	});

	test('every name is filed exactly once', () => {
		const filed = groupByLetter(NAMES.map((name) => group(name)), 'de').flatMap(({ groups }) => groups.map(({ name }) => name));
		expect(filed.sort()).toEqual([...NAMES].sort());
	});

	test('an index with no more names than a page holds stays one page, with no letters', () => {
		const index = getGroupIndex(NAMES.map((name) => group(name)), NAMES.length, 'en');
		expect(index.split).toBe(false);
		expect(index.letters).toEqual([]);
		expect(index.groups).toHaveLength(NAMES.length);
		expect(index.mostStories).toEqual([]);
	});

	test('one name more than a page holds splits the index, and its bar counts each letter’s names', () => {
		const index = getGroupIndex(NAMES.map((name) => group(name)), NAMES.length - 1, 'en');
		expect(index.split).toBe(true);
		expect(index.bar.map(({ letter, count }) => `${letter.key}:${count}`)).toEqual(['a:2', 'b:1', 'e:2', 'o:1', 'z:2', 'arab:1', 'cyrl:1', 'hani:1', '0-9:1', 'other:1']);
	});

	test('a letter with more names than a page holds is paginated, and each page’s address matches its parameters', () => {
		const names = Array.from({ length: 7 }, (_, index) => `Smith ${String.fromCharCode(97 + index)}`).concat(['Anne', 'Bo']);
		const grouping = groupByName(
			names.map((name, index) => ({ id: String(index), name })),
			(story) => [story.name],
			'byline',
			'en',
		);
		const entries = getLetterPageEntries(grouping, 3, 'en');
		expect(entries.map(({ params, props }) => [params.letter, params.page, props.letterPage.page.items.map(({ name }) => name)])).toEqual([
			['a', undefined, ['Anne']],
			['b', undefined, ['Bo']],
			['s', undefined, ['Smith a', 'Smith b', 'Smith c']],
			['s', 'page/2', ['Smith d', 'Smith e', 'Smith f']],
			['s', 'page/3', ['Smith g']],
		]);
		for (const { params, props } of entries) {
			expect(getGroupLetterPath('topics', params.letter, props.letterPage.page.number)).toBe(`/topics/letter/${params.letter}/${params.page ? `${params.page}/` : ''}`);
		}
		expect(getLetterPageEntries(grouping, names.length, 'en')).toEqual([]);
		expect(getGroupIndexOf(grouping, 3, 'en')).toBe(getGroupIndexOf(grouping, 3, 'en'));
	});

	test('no page of a split index lists more names than a page holds, however many names there are', () => {
		for (const count of [50, 500, 5000]) {
			const groups = Array.from({ length: count }, (_, index) => group(`${String.fromCharCode(65 + (index % 26))}name ${index}`));
			const index = getGroupIndex(groups, 40, 'en');
			expect(index.mostStories.length).toBeLessThanOrEqual(Math.min(40, MOST_STORIES_LIMIT));
			expect(index.bar.length).toBeLessThanOrEqual(26);
			const pages = getLetterPages(index, 40).map(({ page }) => page.items.length);
			expect(Math.max(...pages)).toBeLessThanOrEqual(40);
			expect(pages.reduce((sum, size) => sum + size, 0)).toBe(count);
		}
	});

	test('the names with the most stories come first, ties in alphabetical order', () => {
		const groups = [group('Anne', 2), group('Bo', 5), group('Cy', 2), group('Dee', 1)];
		expect(selectMostStories(groups, 3).map(({ name }) => name)).toEqual(['Bo', 'Anne', 'Cy']);
	});
});

describe('the letter bar’s words', () => {
	test.each([
		['en', { key: 'e', kind: 'letter', text: 'E' }, 'E'],
		['en', { key: 'cyrl', kind: 'script', text: 'Cyrl' }, 'Cyrillic'],
		['de', { key: 'cyrl', kind: 'script', text: 'Cyrl' }, 'Kyrillisch'],
		['en', { key: '0-9', kind: 'digits', text: '0-9' }, '0–9'],
		['en', { key: 'other', kind: 'other', text: 'other' }, 'Other'],
		['ar', { key: 'other', kind: 'other', text: 'other' }, 'أخرى'],
	] as const)('in %s, %j reads “%s”', (lang, letter, text) => {
		expect(formatNameLetter(letter, createTranslator(lang))).toBe(text);
	});
});

describe('day pages', () => {
	const day = (count: number) =>
		Array.from({ length: count }, (_, index) => ({ id: String(index), data: { year: '2025', month: '07', day: '24' } }));

	test(`a day shows up to ${DAY_PAGE_SIZE * 2 - 1} stories on one page, and a busier day is paginated at the same addresses as a month`, () => {
		expect(getDayPageEntries(buildCalendar(day(DAY_PAGE_SIZE)), 20).map(({ params }) => params.page)).toEqual([undefined]);
		expect(getDayPageEntries(buildCalendar(day(DAY_PAGE_SIZE * 2 - 1)), 20).map(({ params }) => params.page)).toEqual([undefined]);
		const entries = getDayPageEntries(buildCalendar(day(DAY_PAGE_SIZE * 3 + 1)), 20);
		// Numbered from the oldest: the day's own page holds the newest 101, page 1 the oldest 100.
		expect(entries.map(({ params, props }) => [params.page, props.page.items.length])).toEqual([
			[undefined, DAY_PAGE_SIZE + 1],
			['page/2', DAY_PAGE_SIZE],
			['page/1', DAY_PAGE_SIZE],
		]);
		expect(getDayPath('2025', '07', '24', 1)).toBe('/2025/07/24/page/1/');
		expect(getDayPath('2025', '07', '24')).toBe('/2025/07/24/');
	});

	test('a page size above the day’s own is used for days too', () => {
		expect(getDayPageEntries(buildCalendar(day(DAY_PAGE_SIZE + 50)), 200).map(({ params }) => params.page)).toEqual([undefined]);
	});
});
