import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

export { dayjs };

const DATE_PATTERN =
	/^(?<day>\d{4}-\d{2}-\d{2})(?:[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.\d+)?)?(?<offset>Z|[+-]\d{2}:?\d{2})?)?$/;

/** True when the text is a date the archive accepts: `YYYY-MM-DD`, or ISO 8601 time with or without an offset. */
export function isArticleDate(text: string): boolean {
	const match = DATE_PATTERN.exec(text);
	if (!match?.groups) return false;
	const { day, hour = '00', minute = '00', second = '00' } = match.groups;
	return dayjs(day, 'YYYY-MM-DD', true).isValid() && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
}

/**
 * Turns a front-matter date into an instant. A bare day or a time without an offset is read as
 * wall-clock time in the archive's time zone, so the result never depends on the build machine's `TZ`.
 * @example parseArticleDate('2025-07-24', 'America/New_York') // 2025-07-24T04:00:00.000Z
 */
export function parseArticleDate(text: string, timeZone: string): Date {
	const time = cached(parsedDates, `${timeZone}\n${text}`, () => {
		if (!isArticleDate(text)) throw new RangeError(`"${text}" is not a date like 2025-07-24 or 2025-07-24T14:30:00-04:00`);
		const iso = text.replace(' ', 'T');
		return DATE_PATTERN.exec(text)?.groups?.offset ? new Date(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).getTime() : dayjs.tz(iso, timeZone).valueOf();
	});
	return new Date(time);
}

// dayjs's time-zone conversions are slow (an Intl formatter per call); archives repeat the same days thousands of times.
const parsedDates = new Map<string, number>();
const calendarDays = new Map<string, string>();
// A story's date is shown on its page and in every list that holds it (day, month, names, related stories).
const isoDates = new Map<string, string>();
const displayDates = new Map<string, string>();

/** The cached value for `key`, computed and kept on first use (a cache that grows past 100,000 starts over). */
function cached<V>(cache: Map<string, V>, key: string, compute: () => V): V {
	let value = cache.get(key);
	if (value === undefined) {
		value = compute();
		if (cache.size >= 100_000) cache.clear();
		cache.set(key, value);
	}
	return value;
}

/**
 * True for a time zone name that `Intl` knows, such as `America/New_York` or `UTC`.
 * @example isTimeZone('Europe/Paris') // true
 */
export function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

// Building an Intl.DateTimeFormat costs far more than using one, and a build formats thousands of dates
// with a handful of (language, zone, style) combinations: keep each formatter once.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date formatter for a language and options, made once per build and reused: pages format thousands of
 * dates with a handful of combinations, and making a formatter costs far more than using one.
 * @example getFormatter('de', { month: 'long', timeZone: 'UTC' }).format(date) // "Juli"
 */
export function getFormatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${lang}\n${JSON.stringify(options)}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat(lang, options);
		formatters.set(key, formatter);
	}
	return formatter;
}

/** The wall-clock fields of an instant in a zone, as zero-padded strings. */
function getZonedFields(date: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
	const formatter = getFormatter('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	});
	const fields = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
	for (const part of formatter.formatToParts(date)) {
		if (part.type in fields) fields[part.type as keyof typeof fields] = part.value;
	}
	fields.year = fields.year.padStart(4, '0');
	return fields;
}

/** The calendar day of an instant in a time zone, as `{ year, month, day }` strings (`'2025'`, `'07'`, `'24'`). */
export function getCalendarDay(date: Date, timeZone: string): { year: string; month: string; day: string } {
	const formatted = cached(calendarDays, `${timeZone}\n${date.getTime()}`, () => {
		const { year, month, day } = getZonedFields(date, timeZone);
		return `${year}-${month}-${day}`;
	});
	const [year, month, day] = formatted.split('-') as [string, string, string];
	return { year, month, day };
}

/** ISO 8601 with the archive's offset, for `<time datetime>`, feeds and JSON-LD. */
export function formatIsoDate(date: Date, timeZone: string): string {
	return cached(isoDates, `${timeZone}\n${date.getTime()}`, () => formatZonedIsoDate(date, timeZone));
}

function formatZonedIsoDate(date: Date, timeZone: string): string {
	const { year, month, day, hour, minute, second } = getZonedFields(date, timeZone);
	const wallClock = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
	const offsetMinutes = Math.round((wallClock - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const absolute = Math.abs(offsetMinutes);
	const offset = `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
	return `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`;
}

/**
 * A reader-facing date in the archive's zone and language.
 * @example formatDisplayDate(date, 'Europe/London', 'en') // "24 July 2025"
 */
export function formatDisplayDate(date: Date, timeZone: string, lang: string): string {
	return cached(displayDates, `${lang}\n${timeZone}\n${date.getTime()}`, () =>
		getFormatter(lang, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(date),
	);
}

/** A reader-facing clock time with the zone's short name, e.g. "14:30 EDT". */
export function formatDisplayTime(date: Date, timeZone: string, lang: string): string {
	return getFormatter(lang, { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(date);
}

/**
 * The long name of a zone in a language, for footers and time notes.
 * @example formatTimeZoneName('America/New_York', 'en') // "Eastern Time"
 */
export function formatTimeZoneName(timeZone: string, lang: string): string {
	const key = `${lang}\n${timeZone}`;
	let name = zoneNames.get(key);
	if (name === undefined) {
		const parts = getFormatter(lang, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(0);
		name = parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
		zoneNames.set(key, name);
	}
	return name;
}

const zoneNames = new Map<string, string>();

/** Whether the front-matter value named only a day, so pages show no clock time for it. */
export function isDayOnly(text: string): boolean {
	const groups = DATE_PATTERN.exec(text)?.groups;
	return groups !== undefined && groups.hour === undefined;
}
