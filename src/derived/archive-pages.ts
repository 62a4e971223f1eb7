/**
 * The `getStaticPaths()` entries of the browse pages, built from the groupings `getArchive()` computed once:
 * each list is sliced into pages here, and no page looks at a story outside its own slice.
 */
import type { Calendar, DayGroup, MonthGroup, YearGroup } from './calendar.ts';
import { getGroupIndex, getLetterPages, type GroupIndex, type LetterPage } from './group-letters.ts';
import type { Grouping, NamedGroup } from './groupings.ts';
import { paginateStories, type StoryPage } from './published.ts';
import { getPageParam, getStoryPageParam } from '../model/urls.ts';

/** One page of a byline, source or topic. */
export interface GroupPageEntry<T> {
	params: { slug: string; page: string | undefined };
	props: { group: NamedGroup<T>; page: StoryPage<T> };
}

/** Every page of every group: `/bylines/slug/`, then `/bylines/slug/page/1/` (its oldest stories), … */
export function getGroupPageEntries<T>(grouping: Pick<Grouping<T>, 'groups'>, pageSize: number): GroupPageEntry<T>[] {
	return grouping.groups.flatMap((group) =>
		paginateStories(group.stories, pageSize).map((page) => ({ params: { slug: group.slug, page: getStoryPageParam(page.number) }, props: { group, page } })),
	);
}

const indexes = new WeakMap<readonly unknown[], Map<string, GroupIndex<unknown>>>();

/**
 * The index of one kind of group (`/bylines/`, and its letters when it is split), computed once per build
 * for the index page, its letter pages and the sitemaps alike.
 */
export function getGroupIndexOf<T>(grouping: Pick<Grouping<T>, 'groups'>, namesPerPage: number, lang: string): GroupIndex<T> {
	let known = indexes.get(grouping.groups);
	if (!known) indexes.set(grouping.groups, (known = new Map()));
	const key = `${namesPerPage} ${lang}`;
	let index = known.get(key) as GroupIndex<T> | undefined;
	if (!index) known.set(key, (index = getGroupIndex(grouping.groups, namesPerPage, lang)));
	return index;
}

/** One page of one letter of a split index. */
export interface LetterPageEntry<T> {
	params: { letter: string; page: string | undefined };
	props: { index: GroupIndex<T>; letterPage: LetterPage<T> };
}

/** `/bylines/letter/a/`, `/bylines/letter/a/page/2/`, … for every letter of a split index; none for an index of one page. */
export function getLetterPageEntries<T>(grouping: Pick<Grouping<T>, 'groups'>, namesPerPage: number, lang: string): LetterPageEntry<T>[] {
	const index = getGroupIndexOf(grouping, namesPerPage, lang);
	return getLetterPages(index, namesPerPage).map((letterPage) => ({
		params: { letter: letterPage.letter.key, page: getPageParam(letterPage.page.number) },
		props: { index, letterPage },
	}));
}

/** One group's feed endpoints: `/bylines/slug/feed.xml` and `.json`. */
export function getGroupFeedEntries<T>(grouping: Pick<Grouping<T>, 'groups'>): { params: { slug: string }; props: { group: NamedGroup<T> } }[] {
	return grouping.groups.map((group) => ({ params: { slug: group.slug }, props: { group } }));
}

/** `/YYYY/` for every year with stories. */
export function getYearEntries<T>(calendar: Pick<Calendar<T>, 'years'>): { params: { year: string }; props: { year: YearGroup<T> } }[] {
	return calendar.years.map((year) => ({ params: { year: year.year }, props: { year } }));
}

/** One page of a month's stories. */
export interface MonthPageEntry<T> {
	params: { year: string; month: string; page: string | undefined };
	props: { month: MonthGroup<T>; page: StoryPage<T> };
}

/** `/YYYY/MM/` and its numbered pages for every month with stories. */
export function getMonthPageEntries<T>(calendar: Pick<Calendar<T>, 'years'>, pageSize: number): MonthPageEntry<T>[] {
	return calendar.years.flatMap((year) =>
		year.months.flatMap((month) =>
			paginateStories(month.stories, pageSize).map((page) => ({
				params: { year: month.year, month: month.month, page: getStoryPageParam(page.number) },
				props: { month, page },
			})),
		),
	);
}

/** `/YYYY/MM/DD/` for every day with stories. */
export function getDayEntries<T>(calendar: Pick<Calendar<T>, 'years'>): { params: { year: string; month: string; day: string }; props: { day: DayGroup<T> } }[] {
	return calendar.years.flatMap((year) =>
		year.months.flatMap((month) => month.days.map((day) => ({ params: { year: day.year, month: day.month, day: day.day }, props: { day } }))),
	);
}

/**
 * Stories on one page of a day, at least: a day shows its whole edition on one page, and only a day with
 * twice this many stories (or twice `pageSize`, if larger) or more is paginated (`paginateStories`).
 */
export const DAY_PAGE_SIZE = 100;

/** One page of a day's stories. */
export interface DayPageEntry<T> {
	params: { year: string; month: string; day: string; page: string | undefined };
	props: { day: DayGroup<T>; page: StoryPage<T> };
}

/** `/YYYY/MM/DD/` for every day with stories, and `/YYYY/MM/DD/page/1/`, … on a day with more than its page holds. */
export function getDayPageEntries<T>(calendar: Pick<Calendar<T>, 'years'>, pageSize: number): DayPageEntry<T>[] {
	return getDayEntries(calendar).flatMap(({ params, props: { day } }) =>
		paginateStories(day.stories, Math.max(pageSize, DAY_PAGE_SIZE)).map((page) => ({ params: { ...params, page: getStoryPageParam(page.number) }, props: { day, page } })),
	);
}
