import { describe, expect, test } from 'vitest';
import { makeArticleEntry as createArticleEntry } from '../support/article-entry.ts';
import { ArticleSchema } from '../../src/model/article-schema.ts';
import { countLanguages, getIndexLanguage, getSearchRecord, listArchiveMonths } from '../../src/outputs/search-record.ts';
import { describeMismatch } from '../../src/integrations/search.ts';

const SITE = { lang: 'en', timeZone: 'America/New_York' };

function makeEntry(frontMatter: Record<string, unknown>) {
	const data = ArticleSchema.parse({ bylines: [], source: 'Wire', ...frontMatter });
	return createArticleEntry('x.md', data, { firstParagraph: 'First paragraph.', wordCount: 120 }, SITE.timeZone);
}

describe('getSearchRecord', () => {
	test('carries the headline, the reader-facing date and the facets of a story', () => {
		const record = getSearchRecord(
			makeEntry({ title: 'Honda exports cars', date: '1987-03-26', bylines: ['Scott Williams'], source: 'Reuters', section: 'Autos', tags: ['trade'] }),
			SITE,
		);
		expect(record.meta).toMatchObject({ title: 'Honda exports cars', date: 'March 26, 1987', datetime: '1987-03-26' });
		expect(record.filters).toEqual({
			source: ['Reuters'],
			byline: ['Scott Williams'],
			year: ['1987'],
			topic: ['Autos', 'trade'],
			lang: ['en'],
			month: ['1987-03'],
			day: ['1987-03-26'],
		});
	});

	test('files a late-evening story under the archive’s calendar day, and orders it by its instant in UTC', () => {
		const record = getSearchRecord(makeEntry({ title: 'Late', date: '2024-12-31T23:30:00-05:00' }), SITE);
		expect(record.filters.year).toEqual(['2024']);
		expect(record.filters.month).toEqual(['2024-12']);
		expect(record.filters.day).toEqual(['2024-12-31']);
		expect(record.meta.published).toBe('2025-01-01T04:30:00.000Z');
	});

	test('the instants that order results, in text order, are in time order across centuries', () => {
		const dates = ['1987-03-26', '2010-11-10T12:00:00Z', '1999-12-31T23:59:00-08:00', '2025-07-24'];
		const keys = dates.map((date) => getSearchRecord(makeEntry({ title: 'x', date }), SITE).meta.published);
		const byText = [...keys].sort();
		const byTime = [...keys].sort((a, b) => Date.parse(a) - Date.parse(b));
		expect(byText).toEqual(byTime);
	});

	test('names written with different spacing or Unicode forms become one facet value', () => {
		const record = getSearchRecord(makeEntry({ title: 'x', date: '2025-01-01', bylines: ['Zoe\u0308  Ortiz', 'Zoë Ortiz'] }), SITE);
		expect(record.filters.byline).toEqual(['Zoë Ortiz']);
	});

	test('an article in another language is filed under that language, in lower case', () => {
		expect(getSearchRecord(makeEntry({ title: 'x', date: '2025-01-01', lang: 'zh-Hant' }), SITE).filters.lang).toEqual(['zh-hant']);
		expect(getIndexLanguage(undefined, 'en')).toBe('en');
	});
});

describe('archive languages and months', () => {
	test('countLanguages lists the languages with most stories first', () => {
		const stories = [{ data: {} }, { data: { lang: 'de' } }, { data: { lang: 'en' } }, { data: { lang: 'ar' } }, { data: { lang: 'de' } }];
		expect(countLanguages(stories, 'en')).toEqual([
			{ lang: 'de', count: 2 },
			{ lang: 'en', count: 2 },
			{ lang: 'ar', count: 1 },
		]);
	});

	test('listArchiveMonths reads the calendar into YYYY-MM, earliest first', () => {
		const years = [
			{ year: '2015', months: [{ month: '06' }] },
			{ year: '1987', months: [{ month: '02' }, { month: '11' }] },
		];
		expect(listArchiveMonths(years)).toEqual(['1987-02', '1987-11', '2015-06']);
	});
});

describe('the index check', () => {
	const counts = (articles: number, languages: Record<string, number>) => ({ articles, languages });

	test('passes when the index holds every published story in its language', () => {
		expect(describeMismatch({ expected: counts(3, { en: 2, de: 1 }), indexed: counts(3, { de: 1, en: 2 }) })).toBeUndefined();
	});

	test('names the difference when a story is missing', () => {
		expect(describeMismatch({ expected: counts(3, { en: 3 }), indexed: counts(2, { en: 2 }) })).toBe(
			'expected 3 stories, the index has 2 (en: expected 3, indexed 2)',
		);
	});

	test('fails when the totals agree but a story was filed under the wrong language', () => {
		expect(describeMismatch({ expected: counts(2, { en: 1, de: 1 }), indexed: counts(2, { en: 2 }) })).toBe(
			'expected 2 stories, the index has 2 (de: expected 1, indexed 0; en: expected 1, indexed 2)',
		);
	});
});
