import { dayjs, isArticleDate } from '../../model/dates.ts';

/** Formats other generators and pages use for dates, tried in order after ISO 8601 (always read in an explicit zone). */
const LOOSE_FORMATS = ['YYYY/MM/DD', 'MMMM D, YYYY', 'MMM D, YYYY', 'D MMMM YYYY', 'D MMM YYYY', 'MMMM D YYYY', 'MMMM D, YYYY h:mm A', 'MMM D, YYYY h:mm A'];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 2822, as feeds and some pages write it: `Thu, 26 Mar 1987 10:00:00 +0200`. */
// The offset may already be written `+00:00`: `padIsoParts` pads every trailing offset.
const RFC_2822_PATTERN = /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{2}:?\d{2})$/i;

const ISO_PATTERN =
	/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Turns a date from another generator or a web page into one the archive accepts: `YYYY-MM-DD` for a bare day,
 * `YYYY-MM-DDTHH:mm:ss±HH:MM` (keeping the source's own offset) for a moment, or a wall-clock time without an
 * offset, which the archive reads in its own time zone. Returns undefined when the value is not a date.
 * @example normaliseDate('2014-03-19 10:14:29 -0400', 'UTC') // '2014-03-19T10:14:29-04:00'
 */
export function normaliseDate(value: unknown, timeZone: string): string | undefined {
	if (value instanceof Date) return normaliseDate(value.toISOString(), timeZone);
	if (typeof value !== 'string') return undefined;
	const text = padIsoParts(value.trim());
	const iso = ISO_PATTERN.exec(text);
	if (iso) {
		const [, day, hour, minute, second = '00', offset] = iso;
		const result = hour === undefined ? day! : `${day}T${hour}:${minute}:${second}${formatOffset(offset)}`;
		return isArticleDate(result) ? result : undefined;
	}
	const rfc = RFC_2822_PATTERN.exec(text);
	if (rfc) {
		const [, day, monthName, year, hour, minute, second = '00', zone] = rfc;
		const month = MONTHS.indexOf(monthName!.toLowerCase()) + 1;
		if (month === 0) return undefined;
		const offset = /^[+-]/.test(zone!) ? zone!.replace(':', '') : '+0000';
		return normaliseDate(`${year}-${String(month).padStart(2, '0')}-${day!.padStart(2, '0')}T${hour}:${minute}:${second}${offset}`, timeZone);
	}
	// AP style abbreviates months with a period ("Sept. 3, 2020"); dayjs knows "Sep 3, 2020".
	const cleaned = text.replace(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\./gi, (_, month: string) => month.slice(0, 3)).replace(/\s+/g, ' ');
	for (const format of LOOSE_FORMATS) {
		const parsed = dayjs.tz(cleaned, format, timeZone);
		if (!parsed.isValid() || parsed.format(format).toLowerCase() !== cleaned.toLowerCase()) continue;
		return /h/.test(format) ? parsed.format('YYYY-MM-DDTHH:mm:ss') : parsed.format('YYYY-MM-DD');
	}
	return undefined;
}

/**
 * A publication day found in a file's path the way generators and digitised back issues put it there:
 * Jekyll (`2014-03-19-title.md`), a day's folder (`2005-02-27/story.txt`), Hugo and Zola or an edition's
 * folders (`2005/02/27/story.txt`), or eight digits (`19870302-story.txt`, `19870302/`); undefined when the
 * path names no real day.
 * @example findDateInPath('blog/2025/06/26/Rust-1.88.0') // '2025-06-26'
 * @example findDateInPath('scans/19870302-page1.txt') // '1987-03-02'
 */
export function findDateInPath(path: string): string | undefined {
	const match =
		/(?:^|[/\\])(\d{4})-(\d{2})-(\d{2})(?=[-_./\\]|$)/.exec(path) ??
		/(?:^|[/\\])(\d{4})[/\\](\d{2})[/\\](\d{2})(?=[-_./\\]|$)/.exec(path) ??
		/(?:^|[/\\])(1[6-9]\d{2}|2[01]\d{2})(\d{2})(\d{2})(?=[-_./\\]|$)/.exec(path);
	if (!match) return undefined;
	const day = `${match[1]}-${match[2]}-${match[3]}`;
	return isArticleDate(day) ? day : undefined;
}

/** Hand-typed front-matter writes `2024-4-09` and `9:00:00 -4`; pads them to ISO 8601's two digits. */
function padIsoParts(text: string): string {
	return text
		.replace(/^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])/, (_, year: string, month: string, day: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
		.replace(/^(\d{4}-\d{2}-\d{2}[T ])(\d)(?=:)/, '$10$2')
		.replace(/(\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*)([+-])(\d{1,2})(?::?(\d{2}))?$/, (_, time: string, sign: string, hours: string, minutes = '00') => `${time}${sign}${hours.padStart(2, '0')}:${minutes}`);
}

function formatOffset(offset: string | undefined): string {
	if (!offset) return '';
	if (/^z$/i.test(offset)) return 'Z';
	const digits = offset.replace(':', '');
	return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}
