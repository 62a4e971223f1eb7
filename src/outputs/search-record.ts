/**
 * What the search index holds about one article, decided here and nowhere else: its words (the headline, the
 * dateline as the page shows it, and the text of the body), the metadata a result shows, and the filters the
 * facets count and the date range and date order use. The build hands these records to Pagefind directly
 * (`src/integrations/search.ts`) while the pages are being written, instead of Pagefind reading them back out
 * of the pages; the portable copy indexes the same records.
 */
import { getStoryLanguage } from '../model/language.ts';
import type { ArticleEntryData } from '../model/article-entry.ts';
import { getDateTimeAttribute, formatStoryDate, opensWithDateline } from './article-display.ts';
import { getBylineNames, getSourceNames, getTopicNames, normalizeName } from '../derived/groupings.ts';
import { DAY_FILTER, LANGUAGE_FILTER, MONTH_FILTER } from '../model/search-state.ts';

/** The parts of an index record, each a plain string map. */
export interface SearchRecordData {
	/**
	 * Shown with a result: headline, reader-facing date and its `datetime`; and `published`, the instant in
	 * UTC (ISO 8601, so text order is time order) that orders results by date.
	 */
	meta: { title: string; date: string; datetime: string; published: string };
	/** Facet values: source, bylines, year, topics, language; month (`YYYY-MM`) and day (`YYYY-MM-DD`) for ranges and date order. */
	filters: Record<string, string[]>;
}

/** The site settings a record depends on. */
export interface SearchRecordSite {
	lang: string;
	timeZone: string;
}

/**
 * The index record of one article. Names are normalised as the byline, source and topic pages normalise
 * them, so a facet value and a group page always agree.
 * @example getSearchRecord(article.data, { lang: 'en', timeZone: 'America/New_York' }).filters.year // ['1987']
 */
export function getSearchRecord(story: ArticleEntryData, site: SearchRecordSite): SearchRecordData {
	const named = { data: story };
	const names = (list: readonly string[]) => [...new Set(list.map(normalizeName))];
	return {
		meta: {
			title: story.title,
			date: formatStoryDate(story.published, story.dayOnly, site.timeZone, site.lang),
			datetime: getDateTimeAttribute(story.published, story.dayOnly, site.timeZone),
			published: story.published.toISOString(),
		},
		filters: {
			source: names(getSourceNames(named)),
			byline: names(getBylineNames(named)),
			year: [story.year],
			topic: names(getTopicNames(named)),
			[LANGUAGE_FILTER]: [getIndexLanguage(story.lang, site.lang)],
			[MONTH_FILTER]: [`${story.year}-${story.month}`],
			[DAY_FILTER]: [`${story.year}-${story.month}-${story.day}`],
		},
	};
}

/** One story as the search index receives it (Pagefind's custom record). */
export interface SearchIndexRecord extends SearchRecordData {
	/** Root-relative address of the story, `/2025/07/24/slug/`; the search page adds the base path. */
	url: string;
	/** The words: headline, then the dateline and body as the page shows them. */
	content: string;
	/** The index the story goes in (see `getIndexLanguage`). */
	language: string;
}

/** What the build knows of a published story when it indexes it. */
export interface IndexedStory {
	data: ArticleEntryData;
	/** The rendered body, to tell whether the page runs the dateline into the first paragraph. */
	html: string;
	/** The rendered body as plain text. */
	text: string;
}

/**
 * The whole index record of a story.
 * @example createSearchRecord({ data, html, text }, site).content // 'Headline\n\nDOHA — First paragraph…'
 */
export function createSearchRecord({ data, html, text }: IndexedStory, site: SearchRecordSite): SearchIndexRecord {
	const dateline = data.dateline !== undefined && !opensWithDateline(html, data.dateline) ? `${data.dateline} — ` : '';
	return {
		url: data.path,
		content: `${data.title}\n\n${dateline}${text}`,
		language: getIndexLanguage(data.lang, site.lang),
		...getSearchRecord(data, site),
	};
}

/**
 * The language an article is indexed in, as the index names it: the article's own `lang`, else the
 * site's, in lower case (Pagefind keys its per-language indexes by the page's `<html lang>`, lower-cased).
 */
export function getIndexLanguage(lang: string | undefined, siteLang: string): string {
	return getStoryLanguage({ lang }, siteLang).toLowerCase();
}

/** One language of the archive and how many stories are in it. */
export interface LanguageCount {
	lang: string;
	count: number;
}

/**
 * The languages of the archive, most stories first: the search page offers them and opens one index each.
 * @example countLanguages([{ data: { lang: 'de' } }, { data: {} }], 'en') // [{ lang: 'de', count: 1 }, { lang: 'en', count: 1 }]
 */
export function countLanguages(stories: readonly { data: { lang?: string | undefined } }[], siteLang: string): LanguageCount[] {
	const counts = new Map<string, number>();
	for (const story of stories) {
		const lang = getIndexLanguage(story.data.lang, siteLang);
		counts.set(lang, (counts.get(lang) ?? 0) + 1);
	}
	return [...counts].map(([lang, count]) => ({ lang, count })).sort((a, b) => b.count - a.count || (a.lang < b.lang ? -1 : 1));
}

/**
 * The months that have stories, `YYYY-MM`, earliest first: the date range's choices, read off the
 * archive's calendar rather than the stories.
 * @example listArchiveMonths([{ year: '1987', months: [{ month: '02' }, { month: '03' }] }]) // ['1987-02', '1987-03']
 */
export function listArchiveMonths(years: readonly { year: string; months: readonly { month: string }[] }[]): string[] {
	return years.flatMap(({ year, months }) => months.map(({ month }) => `${year}-${month}`)).sort();
}
