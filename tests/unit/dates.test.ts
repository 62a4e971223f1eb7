import { describe, expect, test } from 'vitest';
import { formatDisplayDate, formatIsoDate, getCalendarDay, isArticleDate, parseArticleDate } from '../../src/lib/dates.ts';

describe('parseArticleDate', () => {
	test.each([
		['2025-07-24', 'America/New_York', '2025-07-24T04:00:00.000Z'],
		['2025-07-24', 'UTC', '2025-07-24T00:00:00.000Z'],
		['2025-07-24', 'Pacific/Kiritimati', '2025-07-23T10:00:00.000Z'],
		['2025-07-24T14:30', 'Europe/Berlin', '2025-07-24T12:30:00.000Z'],
		['2025-07-24 14:30:15', 'UTC', '2025-07-24T14:30:15.000Z'],
		['2025-07-24T14:30:00-04:00', 'Asia/Tokyo', '2025-07-24T18:30:00.000Z'],
		['2025-07-24T14:30:00Z', 'America/New_York', '2025-07-24T14:30:00.000Z'],
		['2025-07-24T14:30:00+0530', 'UTC', '2025-07-24T09:00:00.000Z'],
		['2025-03-09T02:30', 'America/New_York', '2025-03-09T07:30:00.000Z'],
	])('%s in %s is the instant %s', (text, zone, expected) => {
		expect(parseArticleDate(text, zone).toISOString()).toBe(expected);
	});

	test.each(['2025-02-30', '2025-13-01', '24/07/2025', 'July 24, 2025', '2025-07-24T25:00', '', '2025-07-24T10:00:00 EDT'])(
		'"%s" is refused with a message that shows the expected shape',
		(text) => {
			expect(isArticleDate(text)).toBe(false);
			expect(() => parseArticleDate(text, 'UTC')).toThrow(/like 2025-07-24/);
		},
	);
});

describe('dates in the archive zone', () => {
	test('a day-only date stays on that calendar day in the archive zone, whatever the zone', () => {
		for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata']) {
			expect(getCalendarDay(parseArticleDate('2025-07-24', zone), zone)).toEqual({ year: '2025', month: '07', day: '24' });
		}
	});

	test('a late-evening story with an offset files under the archive zone\'s day', () => {
		const instant = parseArticleDate('2025-07-24T23:30:00-04:00', 'UTC');
		expect(getCalendarDay(instant, 'America/New_York')).toEqual({ year: '2025', month: '07', day: '24' });
		expect(getCalendarDay(instant, 'UTC')).toEqual({ year: '2025', month: '07', day: '25' });
	});

	test('ISO output carries the archive zone\'s offset, summer and winter', () => {
		expect(formatIsoDate(new Date('2025-07-24T04:00:00Z'), 'America/New_York')).toBe('2025-07-24T00:00:00-04:00');
		expect(formatIsoDate(new Date('2025-01-24T05:00:00Z'), 'America/New_York')).toBe('2025-01-24T00:00:00-05:00');
	});

	test('display dates follow the archive language and zone, not the machine', () => {
		const instant = new Date('2025-07-24T04:00:00Z');
		expect(formatDisplayDate(instant, 'America/New_York', 'en')).toBe('July 24, 2025');
		expect(formatDisplayDate(instant, 'America/New_York', 'de')).toBe('24. Juli 2025');
		expect(formatDisplayDate(instant, 'Pacific/Honolulu', 'en')).toBe('July 23, 2025');
	});
});
