import { describe, expect, test } from 'vitest';
import { dayjs, formatDisplayDate, formatIsoDate, getCalendarDay, isArticleDate, parseArticleDate } from '../../src/model/dates.ts';

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

describe('formatIsoDate and getCalendarDay agree with dayjs in every kind of zone', () => {
	const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
	const instants = [
		'1987-02-26T15:01:01.790Z',
		'2025-03-09T06:59:59Z',
		'2025-03-09T07:00:00Z',
		'2025-11-02T05:30:00Z',
		'2025-07-24T04:00:00Z',
		'2000-02-29T12:00:00Z',
	];
	test.each(zones)('in %s', (zone) => {
		for (const instant of instants) {
			const date = new Date(instant);
			const reference = dayjs(date).tz(zone);
			expect(formatIsoDate(date, zone), `${instant} in ${zone}`).toBe(reference.format('YYYY-MM-DDTHH:mm:ssZ'));
			expect(getCalendarDay(date, zone), `${instant} in ${zone}`).toEqual({
				year: reference.format('YYYY'),
				month: reference.format('MM'),
				day: reference.format('DD'),
			});
		}
	});
});

test('an instant before 1970 with a fraction of a second keeps a whole-minute offset (dayjs gets this one wrong)', () => {
	expect(formatIsoDate(new Date('1969-12-31T23:59:59.500Z'), 'Asia/Kolkata')).toBe('1970-01-01T05:29:59+05:30');
	expect(formatIsoDate(new Date('1969-12-31T23:59:59.500Z'), 'UTC')).toBe('1969-12-31T23:59:59+00:00');
});
