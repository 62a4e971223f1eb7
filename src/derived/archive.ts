import { getCollection, type CollectionEntry } from 'astro:content';
import config from 'virtual:clippings/config';
import { getBuildTime } from './build-time.ts';
import { buildCalendar, selectOnThisDay, type Calendar } from './calendar.ts';
import { getCalendarDay } from '../model/dates.ts';
import { getBylineNames, getSourceNames, getTopicNames, groupByName, type Grouping } from './groupings.ts';
import { getNeighbours, paginateStories, selectPublished, type StoryPage } from './published.ts';
import { computeRelated, getRelatedFacts } from './related.ts';
import { createStoryContext, type StoryContext } from './story-context.ts';

/** A published article as pages receive it. */
export type Article = CollectionEntry<'articles'>;

/** How many stories the home page's "On this day" list shows at most. */
export const ON_THIS_DAY_LIMIT = 10;

/** Everything the pages derive from the collection, computed once per build. */
export interface Archive {
	/** Published articles, newest first. */
	articles: Article[];
	neighbours: Map<string, { newer?: Article; older?: Article }>;
	/** The home page (first) and the numbered pages of every story (`paginateStories`). */
	homePages: StoryPage<Article>[];
	/** Years, months and days with their stories and neighbours. */
	calendar: Calendar<Article>;
	/** Bylines, sources and topics with collision-safe slugs: link a name with `bylines.getSlug(name)`. */
	bylines: Grouping<Article>;
	sources: Grouping<Article>;
	topics: Grouping<Article>;
	/** Stories of the build day's month and day in earlier years (see `getBuildTime`), newest first. */
	onThisDay: Article[];
	/** The moment this build treats as now: `SOURCE_DATE_EPOCH`, or the clock. */
	buildTime: Date;
	/** Site facts and name links for feeds, sitemaps and news metadata. */
	storyContext: StoryContext;
	/** Each story's related stories, best first (`related.ts`), by article id. */
	related: Map<string, Article[]>;
}

let archive: Promise<Archive> | undefined;

/** Loads the collection once and builds the groupings every page shares. */
export function getArchive(): Promise<Archive> {
	if (import.meta.env.DEV) archive = undefined;
	archive ??= getCollection('articles').then((entries) => {
		const articles = selectPublished(entries);
		const calendar = buildCalendar(articles);
		const buildTime = getBuildTime();
		const bylines = groupByName(articles, getBylineNames, 'byline', config.lang);
		const sources = groupByName(articles, getSourceNames, 'source', config.lang);
		return {
			articles,
			neighbours: getNeighbours(articles),
			homePages: paginateStories(articles, config.pageSize),
			calendar,
			bylines,
			sources,
			topics: groupByName(articles, getTopicNames, 'topic', config.lang),
			onThisDay: selectOnThisDay(calendar, getCalendarDay(buildTime, config.timeZone), ON_THIS_DAY_LIMIT),
			buildTime,
			storyContext: createStoryContext(config, { bylines, sources }),
			related: computeRelated(articles, getRelatedFacts),
		};
	});
	return archive;
}
