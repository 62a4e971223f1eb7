import { describe, expect, test } from 'vitest';
import {
	formatReadingTime,
	formatStoryDate,
	formatTimeZoneName,
	getDateTimeAttribute,
	getNameListParts,
	opensWithDateline,
} from '../../src/outputs/article-display.ts';
import { parseArticleDate } from '../../src/model/dates.ts';

const NEW_YORK = 'America/New_York';

describe('getNameListParts', () => {
	test.each([
		[[], 'en', ''],
		[['Jennifer Hansler'], 'en', '[Jennifer Hansler]'],
		[['Jennifer Hansler', 'Kylie Atwood'], 'en', '[Jennifer Hansler] and [Kylie Atwood]'],
		[['A', 'B', 'C'], 'en', '[A], [B], and [C]'],
		[['A', 'B'], 'de', '[A] und [B]'],
	])('%j in %s reads %s', (names, lang, expected) => {
		const text = getNameListParts(names, lang)
			.map((part) => (part.type === 'name' ? `[${part.name}]` : part.text))
			.join('');
		expect(text).toBe(expected);
	});

	test('every name comes back once, in order, even when two people share a name', () => {
		const names = ['Sam Lee', 'Ana Ruiz', 'Sam Lee'];
		const parts = getNameListParts(names, 'en').filter((part) => part.type === 'name');
		expect(parts.map((part) => part.name)).toEqual(names);
	});
});

describe('getDateTimeAttribute', () => {
	test('a timed story carries its moment with the archive’s offset', () => {
		expect(getDateTimeAttribute(parseArticleDate('2025-07-01T02:30:00Z', NEW_YORK), false, NEW_YORK)).toBe('2025-06-30T22:30:00-04:00');
	});

	test('a story dated by the day alone carries just that day', () => {
		expect(getDateTimeAttribute(parseArticleDate('2025-07-24', NEW_YORK), true, NEW_YORK)).toBe('2025-07-24');
	});

	test('the result does not depend on the machine’s time zone', () => {
		const date = parseArticleDate('2025-01-15T23:30:00-05:00', NEW_YORK);
		expect(getDateTimeAttribute(date, false, NEW_YORK)).toBe('2025-01-15T23:30:00-05:00');
		expect(getDateTimeAttribute(date, false, 'Asia/Tokyo')).toBe('2025-01-16T13:30:00+09:00');
	});
});

describe('formatStoryDate', () => {
	test('shows the day and the clock time with the zone', () => {
		expect(formatStoryDate(parseArticleDate('2025-07-24T09:15:00-04:00', NEW_YORK), false, NEW_YORK, 'en')).toBe('July 24, 2025, 9:15 AM EDT');
	});

	test('shows no clock time for a day-only date', () => {
		expect(formatStoryDate(parseArticleDate('2025-07-24', NEW_YORK), true, NEW_YORK, 'en')).toBe('July 24, 2025');
	});
});

describe('formatReadingTime', () => {
	test.each([
		[0, '1 min read'],
		[1, '1 min read'],
		[4, '4 min read'],
		[4.6, '5 min read'],
	])('%d minutes read as "%s"', (minutes, expected) => {
		expect(formatReadingTime(minutes)).toBe(expected);
	});
});

describe('formatTimeZoneName', () => {
	test('names the zone the way readers know it', () => {
		expect(formatTimeZoneName(NEW_YORK, 'en')).toBe('Eastern Time');
	});
});

describe('opensWithDateline', () => {
	test.each([
		['<p>(CNN) — The United States is recalling its team.</p>', 'CNN', true],
		['<p>DOHA — Negotiators left the talks.</p>', 'DOHA', true],
		['<p>GENEVA (Reuters) - The agency opened an inquiry.</p>', 'Geneva', true],
		['<p>WASHINGTON, D.C. — Lawmakers met.</p>', 'Washington, D.C.', true],
		['<p><strong>LONDON</strong> – Markets fell.</p>', 'LONDON', true],
		['<p>Negotiators left the talks in Doha.</p>', 'DOHA', false],
		['<p>Doha officials said the talks would resume. Others disagreed — loudly.</p>', 'DOHA', false],
		['<p>AT&#x26;T — The company said.</p>', 'AT&T', true],
		['', 'CNN', false],
	])('%s opens with the dateline %s: %s', (html, dateline, expected) => {
		expect(opensWithDateline(html, dateline)).toBe(expected);
	});
});
