/**
 * The interface strings the search page's scripts write, handed over by the page (`data-messages`) in
 * the archive's language, with the keeper's overrides already applied.
 */
import { createFormatters, formatMessage, type MessageValues } from '../../i18n/format.ts';
import type { Message } from '../../i18n/types.ts';

/** The keys the search page's scripts use. */
export const SEARCH_MESSAGE_KEYS = [
	'page.title',
	'story.bylines',
	'search.showAll',
	'search.showFewer',
	'search.previous',
	'search.next',
	'search.stepPage',
	'search.found',
	'search.foundPaged',
	'search.notFound',
	'search.forQuery',
	'search.missing',
	'search.partial',
	'search.missingData',
	'search.unavailable',
	'offline.saved',
	'offline.saving',
	'offline.progress',
	'offline.done',
	'offline.partial',
	'offline.failed',
] as const;

/** One of the search page's interface strings. */
export type SearchMessageKey = (typeof SEARCH_MESSAGE_KEYS)[number];

/** Formats the search page's interface strings. */
export type SearchText = (key: SearchMessageKey, values?: MessageValues) => string;

/**
 * A formatter over the messages the page handed over; a key the page left out shows as the key itself,
 * so a gap is visible instead of silent.
 */
export function createSearchText(messages: Partial<Record<SearchMessageKey, Message>>, lang: string): SearchText {
	const formatters = createFormatters(lang);
	return (key, values = {}) => {
		const message = messages[key];
		return message === undefined ? key : formatMessage(message, values, formatters);
	};
}

/** Reads the messages from an element's `data-messages`. */
export function readSearchText(element: HTMLElement, lang: string): SearchText {
	let messages: Partial<Record<SearchMessageKey, Message>> = {};
	try {
		messages = JSON.parse(element.dataset.messages ?? '{}') as typeof messages;
	} catch {
		// A broken attribute leaves the keys showing, which a tester sees at once.
	}
	return createSearchText(messages, lang);
}
