import { describe, expect, test } from 'vitest';
import {
	buildCalendar,
	formatDayTitle,
	formatMonthName,
	formatMonthTitle,
	getDaysInMonth,
	getMonthCounts,
	getMonthGrid,
	getWeekdayNames,
	getWeekStart,
	selectOnThisDay,
} from '../../src/derived/calendar.ts';

/** A story on a calendar day; the list below is newest first, as `selectPublished` returns it. */
const story = (date: string, id = date) => {
	const [year, month, day] = date.split('-') as [string, string, string];
	return { id, data: { year, month, day } };
};

const stories = [
	story('2025-07-24', 'c'),
	story('2025-07-24', 'b'),
	story('2025-07-01'),
	story('2025-03-09'),
	story('2024-07-24'),
	story('2024-02-29'),
	story('2022-12-31'),
];

describe('buildCalendar', () => {
	const calendar = buildCalendar(stories);

	test('years are listed newest first with their story counts', () => {
		expect(calendar.years.map((year) => [year.year, year.count])).toEqual([
			['2025', 4],
			['2024', 2],
			['2022', 1],
		]);
	});

	test('a year lists only the months that have stories, earliest first', () => {
		expect(calendar.getYear('2025')?.months.map((month) => month.month)).toEqual(['03', '07']);
	});

	test('a month keeps its stories newest first and its days earliest first', () => {
		const july = calendar.getMonth('2025', '07');
		expect(july?.stories.map((entry) => entry.id)).toEqual(['c', 'b', '2025-07-01']);
		expect(july?.days.map((day) => [day.day, day.stories.length])).toEqual([
			['01', 1],
			['24', 2],
		]);
	});

	test('previous and next skip empty periods and stop at the ends', () => {
		const march = calendar.getMonth('2025', '03');
		expect([march?.previous?.year, march?.previous?.month]).toEqual(['2024', '07']);
		expect(march?.next?.month).toBe('07');
		expect(calendar.getMonth('2025', '07')?.next).toBeUndefined();
		expect(calendar.getYear('2024')?.previous?.year).toBe('2022');
		expect(calendar.getYear('2022')?.previous).toBeUndefined();
		const day = calendar.getDay('2024', '07', '24');
		expect([day?.previous?.month, day?.previous?.day, day?.next?.month, day?.next?.day]).toEqual(['02', '29', '03', '09']);
	});

	test('an empty archive has no years and finds nothing', () => {
		const empty = buildCalendar([]);
		expect(empty.years).toEqual([]);
		expect(empty.getDay('2025', '07', '24')).toBeUndefined();
	});

	test('the month counts of a year cover all twelve months, zeros included', () => {
		const counts = getMonthCounts(calendar.getYear('2025')!);
		expect(counts).toHaveLength(12);
		expect(counts.filter((month) => month.count > 0)).toEqual([
			{ month: '03', count: 1 },
			{ month: '07', count: 3 },
		]);
		expect(counts.reduce((sum, month) => sum + month.count, 0)).toBe(calendar.getYear('2025')!.count);
	});
});

describe('selectOnThisDay', () => {
	const calendar = buildCalendar(stories);

	test.each([
		['stories of the same day in earlier years, not this year', '2025-07-24', ['2024-07-24']],
		['nothing on a day no earlier year has', '2026-01-01', []],
		['on 28 February of a common year, leap-day stories too', '2025-02-28', ['2024-02-29']],
		['on 28 February of a leap year, only that day', '2028-02-28', []],
		['a build day in the past sees only years before it', '2024-07-24', []],
	])('%s', (_, today, expected) => {
		const [year, month, day] = today.split('-') as [string, string, string];
		expect(selectOnThisDay(calendar, { year, month, day }, 10).map((entry) => entry.id)).toEqual(expected);
	});

	test('the list is newest first and cut at the limit', () => {
		const many = buildCalendar([story('2024-07-24'), story('2023-07-24'), story('2021-07-24'), story('2020-07-24')]);
		expect(selectOnThisDay(many, { year: '2025', month: '07', day: '24' }, 2).map((entry) => entry.id)).toEqual(['2024-07-24', '2023-07-24']);
	});
});

describe('getMonthGrid', () => {
	test.each([
		// year, month, week start, first row, number of weeks
		[2025, 7, 1, [undefined, 1, 2, 3, 4, 5, 6], 5],
		[2025, 7, 7, [undefined, undefined, 1, 2, 3, 4, 5], 5],
		[2026, 2, 7, [1, 2, 3, 4, 5, 6, 7], 4],
		[2025, 6, 1, [undefined, undefined, undefined, undefined, undefined, undefined, 1], 6],
		[2024, 2, 6, [undefined, undefined, undefined, undefined, undefined, 1, 2], 5],
	])('%i-%i starting on weekday %i', (year, month, weekStart, firstRow, weeks) => {
		const grid = getMonthGrid(year, month, weekStart);
		expect(grid[0]).toEqual(firstRow);
		expect(grid).toHaveLength(weeks);
		expect(grid.every((row) => row.length === 7)).toBe(true);
		expect(grid.flat().filter((cell) => cell !== undefined)).toEqual(Array.from({ length: getDaysInMonth(year, month) }, (_, index) => index + 1));
	});

	test.each([
		[2024, 2, 29],
		[2025, 2, 28],
		[1900, 2, 28],
		[2000, 2, 29],
		[2025, 12, 31],
	])('%i-%i has %i days', (year, month, days) => {
		expect(getDaysInMonth(year, month)).toBe(days);
	});
});

describe('calendar names', () => {
	test('weeks start on Sunday in US English and on Monday in British English and German', () => {
		expect(getWeekStart('en-US')).toBe(7);
		expect(getWeekStart('en-GB')).toBe(1);
		expect(getWeekStart('de')).toBe(1);
	});

	test('weekday names follow the grid order', () => {
		expect(getWeekdayNames('en', 1, 'short')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
		expect(getWeekdayNames('en', 7, 'long')[0]).toBe('Sunday');
	});

	test.each([
		['en', 'July', 'July 2025', 'July 24, 2025'],
		['de', 'Juli', 'Juli 2025', '24. Juli 2025'],
	])('months and days are named in the site language (%s), whatever the machine time zone', (lang, month, monthTitle, dayTitle) => {
		expect(formatMonthName('07', lang)).toBe(month);
		expect(formatMonthTitle('2025', '07', lang)).toBe(monthTitle);
		expect(formatDayTitle('2025', '07', '24', lang)).toBe(dayTitle);
	});
});
