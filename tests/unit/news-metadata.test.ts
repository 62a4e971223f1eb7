import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { makeArticleEntry as createArticleEntry } from '../support/article-entry.ts';
import { ArticleSchema } from '../../src/model/article-schema.ts';
import { groupByName } from '../../src/derived/groupings.ts';
import { buildNewsArticle, getSocialMetaTags, serializeJsonLd } from '../../src/outputs/news-metadata.ts';
import { createStoryContext, type Story } from '../../src/derived/story-context.ts';

const SITE = { title: 'Gazette', description: 'd', url: 'https://news.example.org', base: '/', lang: 'en', timeZone: 'America/New_York' };

function makeStory(frontMatter: Record<string, unknown>): Story {
	const data = ArticleSchema.parse({ bylines: [], source: 'Wire', ...frontMatter });
	const entry = createArticleEntry('x.md', data, { firstParagraph: 'First paragraph.', wordCount: 120 }, SITE.timeZone);
	return { id: entry.path, data: entry };
}

const contextFor = (stories: Story[]) =>
	createStoryContext(SITE, {
		bylines: groupByName(stories, (story) => story.data.bylines, 'byline', 'en'),
		sources: groupByName(stories, (story) => [story.data.source], 'source', 'en'),
	});

describe('NewsArticle JSON-LD', () => {
	const story = makeStory({
		title: 'Talks stall',
		date: '2025-07-24T09:15:00-04:00',
		updated: '2025-07-25',
		bylines: ['Jennifer Hansler', 'Kylie Atwood'],
		source: 'CNN',
		dateline: 'DOHA',
		section: 'World',
		tags: ['Gaza'],
		url: 'https://edition.cnn.com/2025/07/24/politics/talks',
		corrections: [{ date: '2025-07-25', text: 'An earlier version misspelled a name.' }],
	});
	const article = buildNewsArticle(story, contextFor([story]));

	test('names the type, headline and dates with the archive’s offset', () => {
		expect(article['@context']).toBe('https://schema.org');
		expect(article['@type']).toBe('NewsArticle');
		expect(article.headline).toBe('Talks stall');
		expect(article.datePublished).toBe('2025-07-24T09:15:00-04:00');
		expect(article.dateModified).toBe('2025-07-25T00:00:00-04:00');
	});

	test('every byline is a Person with the address of their page, and the source is the publisher', () => {
		expect(article.author).toEqual([
			{ '@type': 'Person', name: 'Jennifer Hansler', url: 'https://news.example.org/bylines/jennifer-hansler/' },
			{ '@type': 'Person', name: 'Kylie Atwood', url: 'https://news.example.org/bylines/kylie-atwood/' },
		]);
		expect(article.publisher).toEqual({ '@type': 'Organization', name: 'CNN', url: 'https://news.example.org/sources/cnn/' });
	});

	test('carries the dateline, corrections and the original address', () => {
		expect(article.dateline).toBe('DOHA');
		expect(article.locationCreated).toEqual({ '@type': 'Place', name: 'DOHA' });
		expect(article.correction).toEqual([
			{ '@type': 'CorrectionComment', text: 'An earlier version misspelled a name.', datePublished: '2025-07-25T00:00:00-04:00' },
		]);
		expect(article.isBasedOn).toBe('https://edition.cnn.com/2025/07/24/politics/talks');
		expect(article.url).toBe('https://news.example.org/2025/07/24/talks-stall/');
	});

	test('a story without byline, dateline or update leaves those out instead of writing empty values', () => {
		const bare = makeStory({ title: 'Wire copy', date: '2025-07-23' });
		const data = JSON.parse(serializeJsonLd(buildNewsArticle(bare, contextFor([bare]))));
		expect(data.author).toEqual([]);
		expect(data).not.toHaveProperty('dateline');
		expect(data).not.toHaveProperty('correction');
		expect(data).not.toHaveProperty('isBasedOn');
		expect(data.dateModified).toBe(data.datePublished);
	});
});

describe('serializeJsonLd', () => {
	test.each([
		'</script><script>alert(1)</script>',
		'<!-- open a comment',
		'a </SCRIPT > b',
		'line\u2028separator & <b>',
	])('the headline %j cannot break out of the script element and reads back unchanged', (headline) => {
		const json = serializeJsonLd({ headline });
		expect(json).not.toMatch(/[<>]/);
		expect(JSON.parse(json).headline).toBe(headline);
		const $ = load(`<head><script type="application/ld+json">${json}</script></head>`);
		expect($('script')).toHaveLength(1);
		expect(JSON.parse($('script').text()).headline).toBe(headline);
	});
});

describe('OpenGraph and Twitter tags', () => {
	test('describe the story as an article with its authors’ pages and times', () => {
		const story = makeStory({ title: 'Talks stall', date: '2025-07-24T09:15:00-04:00', bylines: ['Zoë Ortiz'], tags: ['Gaza'], lang: 'pt-BR' });
		const tags = getSocialMetaTags(story, contextFor([story]));
		const value = (key: string) => tags.filter((tag) => tag.key === key).map((tag) => tag.content);
		expect(value('og:type')).toEqual(['article']);
		expect(value('og:title')).toEqual(['Talks stall']);
		expect(value('og:url')).toEqual(['https://news.example.org/2025/07/24/talks-stall/']);
		expect(value('og:locale')).toEqual(['pt_BR']);
		expect(value('article:author')).toEqual(['https://news.example.org/bylines/zo%C3%AB-ortiz/']);
		expect(value('article:published_time')).toEqual(['2025-07-24T09:15:00-04:00']);
		expect(value('article:tag')).toEqual(['Gaza']);
		expect(value('twitter:card')).toEqual(['summary']);
		expect(tags.filter((tag) => tag.key.startsWith('twitter:')).every((tag) => tag.attribute === 'name')).toBe(true);
		expect(tags.filter((tag) => tag.key.startsWith('og:')).every((tag) => tag.attribute === 'property')).toBe(true);
	});
});

describe('the picture of a link preview', () => {
	const story = makeStory({ title: 'Talks stall', date: '2025-07-24' });
	const context = contextFor([story]);
	const value = (tags: ReturnType<typeof getSocialMetaTags>, key: string) => tags.filter((tag) => tag.key === key).map((tag) => tag.content);

	test('a story without a photo shows the site’s image, named after the site, on a small card', () => {
		const tags = getSocialMetaTags(story, context);
		expect(value(tags, 'og:image')).toEqual(['https://news.example.org/og-image.png']);
		expect(value(tags, 'og:image:alt')).toEqual(['Gazette']);
		expect(value(tags, 'twitter:card')).toEqual(['summary']);
		expect(buildNewsArticle(story, context).image).toBe('https://news.example.org/og-image.png');
	});

	test('a story with its own photo shows it on a large card', () => {
		const tags = getSocialMetaTags(story, context, { url: 'https://news.example.org/2025/07/24/talks-stall/doha.jpg', alt: 'Delegates leave the hotel' });
		expect(value(tags, 'og:image')).toEqual(['https://news.example.org/2025/07/24/talks-stall/doha.jpg']);
		expect(value(tags, 'og:image:alt')).toEqual(['Delegates leave the hotel']);
		expect(value(tags, 'twitter:card')).toEqual(['summary_large_image']);
	});
});
