/**
 * Filling in one message: the plural form for `count` from `Intl.PluralRules`, then `{placeholders}`, with
 * numbers written the language's way. No catalogue here, so the search page's script can import it alone.
 */
import type { Message, PluralMessage } from './types.ts';

/** Values for a message's `{placeholders}`; numbers are written in the interface language. */
export type MessageValues = Record<string, string | number>;

/** The formatters a language needs, made once. */
export interface MessageFormatters {
	plurals: Intl.PluralRules;
	numbers: Intl.NumberFormat;
}

/** Plural rules and number format for a language. */
export function createFormatters(lang: string): MessageFormatters {
	return { plurals: new Intl.PluralRules(lang), numbers: new Intl.NumberFormat(lang) };
}

/**
 * A message with its plural form chosen and its placeholders filled.
 * @example formatMessage({ one: '{count} story', other: '{count} stories' }, { count: 1200 }, createFormatters('en')) // "1,200 stories"
 */
export function formatMessage(message: Message, values: MessageValues, formatters: MessageFormatters): string {
	const text = typeof message === 'string' ? message : choosePlural(message, formatters.plurals, values.count);
	return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
		const value = values[name];
		return value === undefined ? placeholder : typeof value === 'number' ? formatters.numbers.format(value) : value;
	});
}

function choosePlural(message: PluralMessage, plurals: Intl.PluralRules, count: string | number | undefined): string {
	if (typeof count !== 'number') throw new Error(`a plural message needs a numeric count (got ${String(count)}): "${message.other}"`);
	return message[plurals.select(count)] ?? message.other;
}
