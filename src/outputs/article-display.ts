import { createTranslator, type Translator } from '../i18n/index.ts';
import { formatDisplayDate, formatDisplayTime, formatIsoDate, getCalendarDay } from '../model/dates.ts';

/** One piece of a list of names as a reader sees it: a name to link, or the words between names. */
export type NameListPart = { type: 'name'; name: string } | { type: 'text'; text: string };

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * Splits a list of names into names and the connecting words of the language, so a page can link each
 * name: `[A, B, C]` → A, ", ", B, ", and ", C in English.
 * @example getNameListParts(['Jennifer Hansler', 'Kylie Atwood'], 'en') // name, " and ", name
 */
export function getNameListParts(names: readonly string[], lang: string): NameListPart[] {
	let next = 0;
	let format = listFormats.get(lang);
	if (!format) listFormats.set(lang, (format = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' })));
	return format
		.formatToParts(names)
		.map((part): NameListPart => (part.type === 'element' ? { type: 'name', name: names[next++]! } : { type: 'text', text: part.value }));
}

/**
 * The `datetime` attribute for a moment: a calendar day (`2025-07-24`) when the article named only a day,
 * otherwise ISO 8601 with the archive's offset (`2025-07-24T09:15:00-04:00`).
 */
export function getDateTimeAttribute(date: Date, dayOnly: boolean, timeZone: string): string {
	if (!dayOnly) return formatIsoDate(date, timeZone);
	const { year, month, day } = getCalendarDay(date, timeZone);
	return `${year}-${month}-${day}`;
}

/**
 * The date a reader sees, in the archive's time zone: the day alone when no clock time is known,
 * otherwise the day and the time with the zone's short name.
 * @example formatStoryDate(date, false, 'America/New_York', 'en') // "July 24, 2025, 09:15 AM EDT"
 */
export function formatStoryDate(date: Date, dayOnly: boolean, timeZone: string, lang: string): string {
	const day = formatDisplayDate(date, timeZone, lang);
	return dayOnly ? day : `${day}, ${formatDisplayTime(date, timeZone, lang)}`;
}

const english = createTranslator('en');

/**
 * The reading-time line under a headline, in the interface language of `ui` (English by default).
 * @example formatReadingTime(4) // "4 min read"
 */
export function formatReadingTime(minutes: number, ui: Translator = english): string {
	return ui.t('story.readingTime', { count: Math.max(1, Math.round(minutes)) });
}

export { formatTimeZoneName } from '../model/dates.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Whether a story's text already opens with its dateline, as wire copy does (`(CNN) — The United States…`,
 * `DOHA — Negotiators…`): then the page must not print the dateline a second time.
 * @param bodyHtml the rendered body; only its opening is read
 * @example opensWithDateline('<p>(CNN) — The United States…</p>', 'CNN') // true
 */
export function opensWithDateline(bodyHtml: string, dateline: string): boolean {
	const opening = bodyHtml
		.slice(0, 600)
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(?:#x([\da-f]+)|#(\d+)|(\w+));/gi, (entity, hex: string, decimal: string, name: string) =>
			hex ? String.fromCodePoint(parseInt(hex, 16)) : decimal ? String.fromCodePoint(Number(decimal)) : (ENTITIES[name] ?? entity),
		)
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[([]/, '');
	const wanted = dateline.replace(/\s+/g, ' ').trim();
	if (!opening.toLocaleLowerCase().startsWith(wanted.toLocaleLowerCase())) return false;
	// A dateline ends at a dash within a few words ("DOHA, Qatar (Reuters) —"); "Doha officials said" is a sentence.
	return /^[^.!?]{0,40}?(?:[—–]|\s-\s)/u.test(opening.slice(wanted.length));
}
