/**
 * The archive by date: years, months and days with their stories, counted and linked to their neighbours
 * once per build. Every day here is a calendar day in the archive's time zone, as the loader derived it
 * (`year`, `month`, `day` on each entry), so no function in this module touches a clock or a time zone.
 */
import { getFormatter } from '../model/dates.ts';

/** The calendar parts of a story, as the loader stored them (`'2025'`, `'07'`, `'24'`). */
export interface CalendarDated {
	data: { year: string; month: string; day: string };
}

/** One day that has stories. */
export interface DayGroup<T> {
	year: string;
	month: string;
	day: string;
	/** Newest first, in the order of the list the calendar was built from. */
	stories: T[];
	/** The nearest earlier day with stories. */
	previous?: DayGroup<T>;
	/** The nearest later day with stories. */
	next?: DayGroup<T>;
}

/** One month that has stories. */
export interface MonthGroup<T> {
	year: string;
	month: string;
	/** Days with stories, earliest first. */
	days: DayGroup<T>[];
	/** Newest first. */
	stories: T[];
	previous?: MonthGroup<T>;
	next?: MonthGroup<T>;
}

/** One year that has stories. */
export interface YearGroup<T> {
	year: string;
	/** Months with stories, earliest first. */
	months: MonthGroup<T>[];
	count: number;
	previous?: YearGroup<T>;
	next?: YearGroup<T>;
}

/** Every year, month and day of the archive, with lookups by date. */
export interface Calendar<T> {
	/** Years with stories, newest first (the order the archive index lists them). */
	years: YearGroup<T>[];
	getYear(year: string): YearGroup<T> | undefined;
	getMonth(year: string, month: string): MonthGroup<T> | undefined;
	getDay(year: string, month: string, day: string): DayGroup<T> | undefined;
	/** Stories of a month-day (`'07-24'`) in any year, newest first. */
	getStoriesOnMonthDay(monthDay: string): T[];
}

/**
 * Groups stories by year, month and day in one pass, and links each year, month and day to the nearest
 * earlier and later one that has stories, so archive pages skip empty periods without searching.
 * @param newestFirst the published list from `selectPublished`
 */
export function buildCalendar<T extends CalendarDated>(newestFirst: readonly T[]): Calendar<T> {
	const days = new Map<string, DayGroup<T>>();
	const months = new Map<string, MonthGroup<T>>();
	const years = new Map<string, YearGroup<T>>();
	const monthDays = new Map<string, T[]>();

	for (const story of newestFirst) {
		const { year, month, day } = story.data;
		let yearGroup = years.get(year);
		if (!yearGroup) years.set(year, (yearGroup = { year, months: [], count: 0 }));
		yearGroup.count += 1;

		const monthKey = `${year}-${month}`;
		let monthGroup = months.get(monthKey);
		if (!monthGroup) months.set(monthKey, (monthGroup = { year, month, days: [], stories: [] }));
		monthGroup.stories.push(story);

		const dayKey = `${monthKey}-${day}`;
		let dayGroup = days.get(dayKey);
		if (!dayGroup) days.set(dayKey, (dayGroup = { year, month, day, stories: [] }));
		dayGroup.stories.push(story);

		const monthDay = `${month}-${day}`;
		const sameMonthDay = monthDays.get(monthDay);
		if (sameMonthDay) sameMonthDay.push(story);
		else monthDays.set(monthDay, [story]);
	}

	const sortedDays = sortByKey(days);
	const sortedMonths = sortByKey(months);
	const sortedYears = sortByKey(years);
	for (const dayGroup of sortedDays) months.get(`${dayGroup.year}-${dayGroup.month}`)!.days.push(dayGroup);
	for (const monthGroup of sortedMonths) years.get(monthGroup.year)!.months.push(monthGroup);
	linkNeighbours(sortedDays);
	linkNeighbours(sortedMonths);
	linkNeighbours(sortedYears);

	return {
		years: sortedYears.toReversed(),
		getYear: (year) => years.get(year),
		getMonth: (year, month) => months.get(`${year}-${month}`),
		getDay: (year, month, day) => days.get(`${year}-${month}-${day}`),
		getStoriesOnMonthDay: (monthDay) => monthDays.get(monthDay) ?? [],
	};
}

/** A calendar day as the archive writes it. */
export interface CalendarDay {
	year: string;
	month: string;
	day: string;
}

/**
 * "On this day": stories published on the same month and day as `today` in earlier years, newest first.
 * On 28 February of a common year, stories of 29 February are included too, so leap-day stories are
 * not hidden for three years out of four.
 * @example selectOnThisDay(calendar, { year: '2025', month: '07', day: '24' }, 10) // stories of 24 July 2024, 2023, …
 */
export function selectOnThisDay<T extends CalendarDated>(calendar: Pick<Calendar<T>, 'getStoriesOnMonthDay'>, today: CalendarDay, limit: number): T[] {
	const monthDays = [`${today.month}-${today.day}`];
	if (today.month === '02' && today.day === '28' && !isLeapYear(Number(today.year))) monthDays.push('02-29');
	const earlier = monthDays.flatMap((monthDay) => calendar.getStoriesOnMonthDay(monthDay)).filter((story) => story.data.year < today.year);
	// Both lists are newest first; merging them by year keeps that order (29 Feb comes after 28 Feb of the same year).
	if (monthDays.length > 1) earlier.sort((a, b) => (b.data.year + b.data.month + b.data.day).localeCompare(a.data.year + a.data.month + a.data.day));
	return earlier.slice(0, limit);
}

/** One cell of a month grid: a day of the month, or `undefined` for the blanks before the 1st and after the last day. */
export type MonthGridCell = number | undefined;

/**
 * The weeks of a month as rows of seven cells, starting on `weekStart` (1 = Monday … 7 = Sunday, as
 * `Intl.Locale#getWeekInfo` numbers them).
 * @example getMonthGrid(2025, 7, 1)[0] // [undefined, 1, 2, 3, 4, 5, 6]: 1 July 2025 was a Tuesday
 */
export function getMonthGrid(year: number, month: number, weekStart: number): MonthGridCell[][] {
	const firstWeekday = isoWeekday(year, month, 1);
	const leading = (firstWeekday - weekStart + 7) % 7;
	const cells: MonthGridCell[] = Array.from({ length: leading }, () => undefined);
	for (let day = 1; day <= getDaysInMonth(year, month); day++) cells.push(day);
	while (cells.length % 7 !== 0) cells.push(undefined);
	return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/**
 * The first day of the week in a language's region (1 = Monday … 7 = Sunday); Monday when the runtime
 * cannot tell.
 * @example getWeekStart('en-US') // 7
 */
export function getWeekStart(lang: string): number {
	const locale = new Intl.Locale(lang) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
	return locale.getWeekInfo?.().firstDay ?? locale.weekInfo?.firstDay ?? 1;
}

/**
 * The names of the seven weekdays in grid order, starting on `weekStart`.
 * @example getWeekdayNames('en', 1, 'short') // ['Mon', 'Tue', …, 'Sun']
 */
export function getWeekdayNames(lang: string, weekStart: number, width: 'short' | 'long'): string[] {
	const format = getFormatter(lang, { weekday: width, timeZone: 'UTC' });
	// 2024-01-01 was a Monday, so day 1 + n is ISO weekday n + 1.
	return Array.from({ length: 7 }, (_, index) => format.format(Date.UTC(2024, 0, ((weekStart - 1 + index) % 7) + 1)));
}

/**
 * A month's name in a language, from its two-digit number.
 * @example formatMonthName('07', 'en') // "July"
 */
export function formatMonthName(month: string, lang: string, width: 'long' | 'short' = 'long'): string {
	return getFormatter(lang, { month: width, timeZone: 'UTC' }).format(Date.UTC(2024, Number(month) - 1, 1));
}

/**
 * "July 2025" in the site's language.
 * @example formatMonthTitle('2025', '07', 'en') // "July 2025"
 */
export function formatMonthTitle(year: string, month: string, lang: string): string {
	return getFormatter(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(year), Number(month) - 1, 1));
}

/**
 * "24 July 2025" (in the language's order) for a calendar day, without going through an instant.
 * @example formatDayTitle('2025', '07', '24', 'en') // "July 24, 2025"
 */
export function formatDayTitle(year: string, month: string, day: string, lang: string): string {
	return getFormatter(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
		Date.UTC(Number(year), Number(month) - 1, Number(day)),
	);
}

/** A year's twelve months with their story counts, January first, zeros included, for the year page's chart. */
export interface MonthCount {
	month: string;
	count: number;
}

/** The twelve months as the archive writes them, `'01'` to `'12'`. */
export const MONTHS: readonly string[] = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'));

/** The story count of every month of a year, zeros included. */
export function getMonthCounts<T>(year: Pick<YearGroup<T>, 'months'>): MonthCount[] {
	const counts = new Map(year.months.map((month) => [month.month, month.stories.length]));
	return MONTHS.map((month) => ({ month, count: counts.get(month) ?? 0 }));
}

/** The number of days in a month of the proleptic Gregorian calendar. */
export function getDaysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isLeapYear(year: number): boolean {
	return getDaysInMonth(year, 2) === 29;
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(year: number, month: number, day: number): number {
	return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

function sortByKey<V>(groups: Map<string, V>): V[] {
	return [...groups.keys()].sort().map((key) => groups.get(key)!);
}

function linkNeighbours<V extends { previous?: V; next?: V }>(earliestFirst: V[]): void {
	earliestFirst.forEach((group, index) => {
		group.previous = earliestFirst[index - 1];
		group.next = earliestFirst[index + 1];
	});
}
