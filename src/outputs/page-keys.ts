/**
 * The `getStaticPaths()` entries of the browse pages and feeds with their cache keys (`withCacheKeys`): with
 * Astro's incremental builds, a page whose stories, counts and neighbours are what they were in the last
 * build is copied from it, not rendered. Each key lists everything its page shows beyond the site's
 * settings: a rebuild after one edit renders that story's lists, not every list. A list's numbered pages
 * show neither its count nor its calendar, and are counted from its oldest story (`paginateStories`), so a
 * day's new stories render each list's own page and its newest numbered pages, not the whole list.
 */
import { getArchive, type Archive, type Article } from '../derived/archive.ts';
import { getDayPageEntries, getGroupFeedEntries, getGroupPageEntries, getMonthPageEntries } from '../derived/archive-pages.ts';
import type { DayGroup, MonthGroup } from '../derived/calendar.ts';
import type { NamedGroup } from '../derived/groupings.ts';
import type { StoryPage } from '../derived/published.ts';
import type { GroupKind } from '../model/urls.ts';
import { getListedStoryKey, withCacheKeys } from './cache-key.ts';
import { FEED_LENGTH } from './feeds.ts';
import { getStoryPageBar } from './page-numbers.ts';
import { site } from './site.ts';

/** The site's settings, which every page depends on, as one string. */
export function getSettingsKey(): string {
	return JSON.stringify(site);
}

/** `/bylines/slug/` and its numbered pages (or sources, topics): the name, its count on its own page, one page of stories. */
export async function getKeyedGroupPageEntries(kind: GroupKind) {
	const archive = await getArchive();
	return withCacheKeys(getGroupPageEntries(archive[kind], site.pageSize), getSettingsKey(), ({ props: { group, page } }) => [
		kind,
		group.slug,
		group.name,
		ifOwnPage(page, group.stories.length),
		...describePage(page, archive),
	]);
}

/** A group's feeds: the name and its newest stories. */
export async function getKeyedGroupFeedEntries(kind: GroupKind) {
	const archive = await getArchive();
	return withCacheKeys(getGroupFeedEntries(archive[kind]), getSettingsKey(), ({ props: { group } }) => [
		...describeGroup(kind, group),
		...describeStories(group.stories.slice(0, FEED_LENGTH), archive),
	]);
}

/** `/YYYY/MM/DD/` and its numbered pages: the day, its count on its own page, the days before and after, one page of stories. */
export async function getKeyedDayPageEntries() {
	const archive = await getArchive();
	const dayOf = (day?: DayGroup<Article>) => day && `${day.year}-${day.month}-${day.day}`;
	return withCacheKeys(getDayPageEntries(archive.calendar, site.pageSize), getSettingsKey(), ({ props: { day, page } }) => [
		dayOf(day),
		ifOwnPage(page, day.stories.length),
		dayOf(day.previous),
		dayOf(day.next),
		...describePage(page, archive),
	]);
}

/** `/YYYY/MM/` and its numbered pages: the month, its calendar (each day's count) on its own page, the months around, one page of stories. */
export async function getKeyedMonthPageEntries() {
	const archive = await getArchive();
	const monthOf = (month?: MonthGroup<Article>) => month && `${month.year}-${month.month}`;
	return withCacheKeys(getMonthPageEntries(archive.calendar, site.pageSize), getSettingsKey(), ({ props: { month, page } }) => [
		monthOf(month),
		ifOwnPage(page, `${month.stories.length} ${month.days.map((day) => `${day.day}:${day.stories.length}`).join(' ')}`),
		monthOf(month.previous),
		monthOf(month.next),
		...describePage(page, archive),
	]);
}

/** `/page/1/` (the oldest stories) and the home page's other numbered pages (the home page is rendered every build). */
export async function getKeyedHomePageEntries() {
	const archive = await getArchive();
	const entries = archive.homePages.slice(1).map((page) => ({ params: { page: String(page.number) }, props: { page } }));
	return withCacheKeys(entries, getSettingsKey(), ({ props: { page } }) => describePage(page, archive));
}

/**
 * The parts of a key for one page of a list: its number, its pagination bar (which names no page count, so
 * an older page's bar stays the same as stories arrive), and each story shown.
 */
function describePage(page: StoryPage<Article>, archive: Archive): (string | number)[] {
	return [page.number ?? 'own', JSON.stringify(getStoryPageBar(page.number, page.numbered)), ...describeStories(page.items, archive)];
}

/** What only a list's own page shows (its count, a month's calendar): numbered pages leave it out. */
function ifOwnPage(page: StoryPage<Article>, shown: string | number): string | number {
	return page.number === undefined ? shown : '';
}

function describeStories(stories: readonly Article[], archive: Archive): string[] {
	return stories.map((story) => getListedStoryKey(story, archive));
}

function describeGroup(kind: GroupKind, group: NamedGroup<Article>): (string | number)[] {
	return [kind, group.slug, group.name, group.stories.length];
}
