/**
 * English, the reference catalogue: every interface string of the archive. Placeholders are `{name}`;
 * plural messages pick a form with `Intl.PluralRules` from the `count` value.
 */
import type { Message, PluralMessage } from './types.ts';

export const en = {
	// The page shell
	'page.title': '{page} — {site}',
	'page.skipToContent': 'Skip to content',
	'nav.label': 'Sections',
	'nav.latest': 'Latest',
	'nav.archive': 'Archive',
	'nav.bylines': 'Bylines',
	'nav.sources': 'Sources',
	'nav.topics': 'Topics',
	'nav.search': 'Search',
	'masthead.searchLabel': 'Search the archive',
	'masthead.searchButton': 'Search',
	'footer.label': 'Footer',
	'footer.timeZone': 'Dates and times are in {zone} ({id}).',
	'footer.browse': 'Browse the archive',
	'footer.search': 'Search',

	// Counts
	'count.stories': { one: '{count} story', other: '{count} stories' },
	'count.storiesInYears': { one: '{stories} in {count} year.', other: '{stories} in {count} years.' },

	// Stories
	'story.bylines': 'By {names}',
	'story.readingTime': { one: '{count} min read', other: '{count} min read' },
	'story.updated': 'Updated {date}',
	'story.originallyPublished': 'Originally published at {site}',
	'story.corrections': { one: 'Correction', other: 'Corrections' },
	'story.topics': 'Topics',
	'story.neighbours': 'Previous and next stories',
	'story.previous': 'Previous story',
	'story.next': 'Next story',
	'story.related': 'Related stories',

	// Citing a story
	'cite.heading': 'Cite this story',
	'cite.hint': 'Select the text of a style to copy it, or download the reference for your reference manager.',
	'cite.downloadBibtex': 'Download BibTeX (.bib)',
	'cite.downloadRis': 'Download RIS (.ris)',

	// Lists and pages of stories
	'home.intro': 'About this archive',
	'home.latest': 'Latest stories',
	'home.empty': 'No stories have been published yet.',
	'home.pages': 'Older and newer stories',
	'home.onThisDay': 'On this day, {day}',
	'pagination.label': 'Pages',
	'pagination.newer': 'Newer',
	'pagination.newest': 'Newest',
	'pagination.older': 'Older',
	'pagination.pageNumber': 'Page {page}',
	'pagination.titled': '{title}, page {page}',
	'pagination.pagesOf': 'Pages of {title}',
	'pagination.previous': 'Previous',
	'pagination.next': 'Next',

	// The archive by date
	'archive.title': 'Archive',
	'archive.description': 'Every year of {site}, month by month.',
	'archive.tableCaption': 'Stories per month of every year',
	'archive.year': 'Year',
	'archive.total': 'Total',
	'archive.noStories': 'no stories',
	'archive.years': 'Years',
	'archive.months': 'Months',
	'archive.days': 'Days',
	'archive.allYears': 'All years',
	'archive.stories': 'Stories',
	'archive.yearDescription': { one: '{count} story of {site} from {period}, month by month.', other: '{count} stories of {site} from {period}, month by month.' },
	'archive.periodDescription': { one: '{count} story of {site} from {period}.', other: '{count} stories of {site} from {period}.' },
	'archive.chartCaption': 'Stories per month in {year}',
	'archive.calendarCaption': '{month}: days with stories are linked',

	// Bylines, sources and topics
	'group.bylines': 'Bylines',
	'group.sources': 'Sources',
	'group.topics': 'Topics',
	'group.bylineStories': 'Stories by {name}',
	'group.sourceStories': 'Stories from {name}',
	'group.topicStories': 'Stories about {name}',
	'group.indexDescription': '{groups} of {site}, with the number of stories of each.',
	'group.description': { one: '{title}: {count} story in the archive.', other: '{title}: {count} stories in the archive.' },
	'group.none': 'None yet.',
	'group.names': { one: '{count} name', other: '{count} names' },
	'group.letters': '{groups} by first letter',
	'group.letterTitle': '{groups}: {letter}',
	'group.letterDescription': '{groups} of {site} filed under {letter}, with the number of stories of each.',
	'group.digits': '0–9',
	'group.otherNames': 'Other',
	'group.mostStories': 'Most stories',
	'feed.rss': 'RSS feed',
	'feed.json': 'JSON Feed',

	// Search
	'search.title': 'Search the archive',
	'search.description': { one: 'Search {count} story by words, source, byline, year, topic and date.', other: 'Search {count} stories by words, source, byline, year, topic and date.' },
	'search.prompt': { one: 'Type a word or a name to search {count} story.', other: 'Type a word or a name to search {count} stories.' },
	'search.words': 'Words to find',
	'search.button': 'Search',
	'search.order': 'Order',
	'search.sortRelevance': 'Best match',
	'search.sortNewest': 'Newest first',
	'search.sortOldest': 'Oldest first',
	'search.between': 'Published between',
	'search.fromMonth': 'From month',
	'search.and': 'and',
	'search.toMonth': 'To month',
	'search.monthHint': 'Months as YYYY-MM, e.g. {example}',
	'search.language': 'Language',
	'search.allLanguages': 'All languages',
	'search.narrow': 'Narrow the results',
	'search.facetSource': 'Source',
	'search.facetByline': 'Byline',
	'search.facetYear': 'Year',
	'search.facetTopic': 'Topic',
	'search.showAll': 'Show all {count}',
	'search.showFewer': 'Show fewer',
	'search.results': 'Results',
	'search.resultPages': 'Result pages',
	'search.noScript': 'Searching needs JavaScript. Without it, you can browse the archive by date, byline, source or topic from the links at the top of the page.',
	'search.found': { one: '{count} story found{query}.', other: '{count} stories found{query}.' },
	'search.foundPaged': { one: '{count} story found{query}, page {page} of {pages}.', other: '{count} stories found{query}, page {page} of {pages}.' },
	'search.notFound': 'No stories found{query}.',
	'search.forQuery': ' for “{query}”',
	'search.missing': 'Missing:',
	'search.partial': 'The closest results lack some of the words, shown struck through.',
	'search.didYouMean': 'Did you mean:',
	'search.previous': 'Previous',
	'search.next': 'Next',
	'search.stepPage': '{step} page, {page}',
	'search.missingData': 'Search could not start: this copy of the archive is missing its search data.',
	'search.unavailable': 'Search is not available right now. Check your connection, or save the archive for offline reading while you are online.',

	// Offline reading
	'offline.heading': 'Reading offline',
	'offline.intro': 'Pages you read and this search page keep working without a connection. To take the whole archive with you, save it once while you are online; after that, only what changes is downloaded again.',
	'offline.save': 'Save the archive for offline reading',
	'offline.files': { one: '{count} file', other: '{count} files' },
	'offline.changedFiles': { one: '{count} changed file', other: '{count} changed files' },
	'offline.kilobytes': '{size} KB',
	'offline.megabytes': '{size} MB',
	'offline.estimate': 'Saving takes about {size} on this device ({files}).',
	'offline.progress': { one: '{done} of {count} file', other: '{done} of {count} files' },
	'offline.saving': 'Saving…',
	'offline.saved': 'Saved {files}: downloaded {fetched} ({size}, {stored} once stored), {current} already on this device. The archive and its search now work offline.',
	'offline.savedRemoved':
		'Saved {files}: downloaded {fetched} ({size}, {stored} once stored), {current} already on this device, {removed} no longer published removed. The archive and its search now work offline.',
	'offline.notPersisted': 'The browser may still clear it if the device runs short of space.',
	'offline.partial': {
		one: 'Saved {saved} of {count} file; {failed} could not be fetched. Save again to finish (only what is missing is downloaded).',
		other: 'Saved {saved} of {count} files; {failed} could not be fetched. Save again to finish (only what is missing is downloaded).',
	},
	'offline.quotaFull': {
		one: 'The browser ran out of space after saving {done} of {count} file. What is saved stays saved: free some space and save again to continue where it stopped.',
		other: 'The browser ran out of space after saving {done} of {count} files. What is saved stays saved: free some space and save again to continue where it stopped.',
	},
	'offline.quotaTooSmall':
		'Not enough space: saving needs about {needed} and this browser lets the archive use only {available} more on this device. Nothing was saved. Free some space, or use another browser, and try again.',
	'offline.quotaExceeded': 'Not enough space: this browser has no room left for the archive on this device. Free some space, or use another browser, and try again.',
	'offline.failed': 'The archive could not be saved: {error}',
	'offline.updating': { one: 'Updating your saved copy: {done} of {count} changed file…', other: 'Updating your saved copy: {done} of {count} changed files…' },
	'offline.updated': 'Your saved copy was updated: {changed} downloaded ({size}).',
	'offline.updatedRemoved': 'Your saved copy was updated: {changed} downloaded ({size}), {removed} no longer published removed.',
	'offline.interrupted': 'Saving was interrupted. Save again to continue where it stopped: files saved already are not downloaded again.',
	'offline.outOfDate': 'A newer edition of the archive has been published: your saved copy is out of date and is being updated.',
	'offline.upToDate': 'The archive is saved on this device for offline reading, up to date.',
	'offline.missing': {
		one: 'Your saved copy is out of date: {count} file ({size}) published since you saved it. Save again to add it.',
		other: 'Your saved copy is out of date: {count} files ({size}) published since you saved it. Save again to add them.',
	},
	'offline.sentences': '{first} {second}',

	// The 404 page
	'notFound.title': 'Page not found',
	'notFound.description': 'There is no page at this address.',
	'notFound.kicker': 'Error 404',
	'notFound.heading': 'We couldn’t find that page',
	'notFound.text': 'The story may have moved, or the address may be mistyped. Try one of these instead:',
	'notFound.latest': 'The latest stories',
	'notFound.archive': 'The archive, by date',
	'notFound.search': 'Search the archive',
} as const satisfies Record<string, Message>;

/** The name of an interface string. */
export type MessageKey = keyof typeof en;

/** A full catalogue: every key of the English one, each a text or plural message as in English. */
export type Catalogue = { readonly [K in MessageKey]: (typeof en)[K] extends string ? string : PluralMessage };
