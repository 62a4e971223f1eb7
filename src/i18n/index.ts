/**
 * The archive's interface languages: one catalogue per language, picked by the site's `lang`, with a
 * keeper's overrides from the settings on top. Pure: no Astro globals, so pages, feeds and the search
 * page's script all format the same way.
 */
import { getTextDirection } from '../model/text-direction.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en, type Catalogue, type MessageKey } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { createFormatters, formatMessage, type MessageValues } from './format.ts';
import type { Message } from './types.ts';
import { zh } from './zh.ts';

export type { Catalogue, MessageKey } from './en.ts';
export type { Message, PluralMessage } from './types.ts';

/** The shipped catalogues, by primary language subtag. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, de, fr, es, ar, zh };

/** The interface languages that ship with Clippings. */
export const INTERFACE_LANGUAGES = Object.keys(CATALOGUES);

/** A keeper's replacements for some interface strings, by key. */
export type MessageOverrides = Partial<Record<MessageKey, Message>>;

export type { MessageValues } from './format.ts';

/** Formats interface strings in one language. */
export interface Translator {
	/** The interface language, as configured (`de`, `zh-Hans`). */
	lang: string;
	/** The message for `key` with its placeholders filled; plural messages need `count`. */
	t(key: MessageKey, values?: MessageValues): string;
	/** Arrows that point to the start and the end of a line in this language's direction. */
	arrows: { start: string; end: string };
	/** The messages of some keys as they are (plural forms unresolved), for a browser script to format. */
	pick<K extends MessageKey>(keys: readonly K[]): Record<K, Message>;
}

/**
 * The shipped catalogue for a language tag: `de-AT` gets German, `zh-Hans-CN` Chinese; a language
 * without a catalogue gets English.
 * @example getCatalogue('fr-CA') === CATALOGUES.fr
 */
export function getCatalogue(lang: string): Catalogue {
	const primary = lang.toLowerCase().split('-')[0] ?? 'en';
	return CATALOGUES[primary] ?? en;
}

/**
 * A translator for a language, with overrides from the settings replacing shipped messages.
 * @example createTranslator('de').t('count.stories', { count: 2 }) // "2 Beiträge"
 */
export function createTranslator(lang: string, overrides: MessageOverrides = {}): Translator {
	const catalogue: Record<string, Message> = { ...getCatalogue(lang), ...overrides };
	const formatters = createFormatters(lang);
	const rtl = getTextDirection(lang) === 'rtl';
	const message = (key: MessageKey): Message => catalogue[key] ?? en[key];
	return {
		lang,
		arrows: rtl ? { start: '→', end: '←' } : { start: '←', end: '→' },
		t: (key, values = {}) => formatMessage(message(key), values, formatters),
		pick: (keys) => Object.fromEntries(keys.map((key) => [key, message(key)])) as Record<(typeof keys)[number], Message>,
	};
}

/** The keys a keeper may override, for validating the settings. */
export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(en, key);
}

/** Whether a message is plural in the reference catalogue (an override must then be plural too). */
export function isPluralKey(key: MessageKey): boolean {
	return typeof en[key] !== 'string';
}
