/**
 * The interface strings the search page's scripts write, handed over by the page (`data-messages`) in
 * the archive's language, with the keeper's overrides already applied. The offline-reading section hands
 * over its own (`OFFLINE_MESSAGE_KEYS` in `offline.ts`) the same way.
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
	'search.didYouMean',
	'search.missingData',
	'search.unavailable',
] as const;

/** One of the search page's interface strings. */
export type SearchMessageKey = (typeof SEARCH_MESSAGE_KEYS)[number];

/** Formats some interface strings: the message of `key` with its placeholders filled. */
export type MessageText<K extends string> = (key: K, values?: MessageValues) => string;

/** Formats the search page's interface strings. */
export type SearchText = MessageText<SearchMessageKey>;

/**
 * A formatter over the messages a page handed over; a key the page left out shows as the key itself,
 * so a gap is visible instead of silent.
 */
export function createMessageText<K extends string>(messages: Partial<Record<K, Message>>, lang: string): MessageText<K> {
	const formatters = createFormatters(lang);
	return (key, values = {}) => {
		const message = messages[key];
		return message === undefined ? key : formatMessage(message, values, formatters);
	};
}

/** A formatter over the search page's messages. */
export function createSearchText(messages: Partial<Record<SearchMessageKey, Message>>, lang: string): SearchText {
	return createMessageText(messages, lang);
}

/** Reads the messages from an element's `data-messages`. */
export function readMessageText<K extends string>(element: HTMLElement, lang: string): MessageText<K> {
	let messages: Partial<Record<K, Message>> = {};
	try {
		messages = JSON.parse(element.dataset.messages ?? '{}') as typeof messages;
	} catch {
		// A broken attribute leaves the keys showing, which a tester sees at once.
	}
	return createMessageText(messages, lang);
}

/** Reads the search page's messages from an element's `data-messages`. */
export function readSearchText(element: HTMLElement, lang: string): SearchText {
	return readMessageText<SearchMessageKey>(element, lang);
}
