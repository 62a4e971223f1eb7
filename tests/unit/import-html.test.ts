import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createArticleFile } from '../../src/tooling/import/article-file.ts';
import { detectShape } from '../../src/tooling/import/detect.ts';
import { readWebPage } from '../../src/tooling/import/web-page.ts';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { parseArticle } from '../../src/model/parse-article.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/import', name), 'utf8');
const context = { file: 'page.html', timeZone: 'Europe/London' };

function readPage(name: string, source?: string) {
	const result = readWebPage(fixture(name), source ? { ...context, source } : context);
	if (!result.ok) throw new Error(result.reason);
	return result.draft;
}

describe('saved news web pages', () => {
	test('are recognised by their extension or their doctype', () => {
		expect(detectShape('page.html', fixture('news-visible.html'))).toMatchObject({ ok: true, shape: 'web-page' });
		expect(detectShape('saved.txt', fixture('news-jsonld.html'))).toMatchObject({ ok: true, shape: 'web-page' });
	});

	test('NewsArticle JSON-LD gives headline, dates, people, publisher, section, topics, language and address', () => {
		expect(readPage('news-jsonld.html')).toMatchObject({
			title: 'Harbour tunnel opens after six years of delays',
			date: '2024-05-14T06:30:00+01:00',
			updated: '2024-05-14T09:05:00+01:00',
			bylines: ['Aoife Byrne', 'Tomasz Nowak'],
			source: 'The Coastal Herald',
			summary: 'The £1.2bn crossing carried its first cars at dawn on Tuesday.',
			section: 'Transport',
			tags: ['Infrastructure', 'Harbour tunnel'],
			lang: 'en-GB',
			url: 'https://www.coastalherald.example/news/2024/05/14/harbour-tunnel-opens',
			dateline: 'PORTHAVEN',
		});
	});

	test('OpenGraph and article: meta tags describe a page without JSON-LD; an author given as a URL is not a name', () => {
		expect(readPage('news-opengraph.html')).toMatchObject({
			title: 'Mill town votes to keep its library open',
			date: '2023-11-02T19:45:00-05:00',
			updated: '2023-11-03T08:00:00-05:00',
			bylines: ['Ruth Okafor'],
			source: 'Valley Courier',
			section: 'Local',
			tags: ['Libraries', 'Town meeting'],
			url: 'https://valleycourier.example/2023/11/02/library-vote/',
			dateline: 'MILLBROOK, Ohio',
		});
	});

	test('visible markup is enough: <h1>, the byline, <time datetime>; the source comes from --source', () => {
		const draft = readPage('news-visible.html', 'City Gazette');
		expect(draft).toMatchObject({ title: 'City hall clock restored', date: '2021-08-09', bylines: ['Sam Ortiz'], source: 'City Gazette' });
		expect(draft.body).toBe(
			'The clock on the city hall tower struck noon on Monday for the first time since 1998.\n\nVolunteers spent 2,000 hours rebuilding the movement, using parts from a clock in Leeds.\n',
		);
	});

	test('the body keeps the story — paragraphs, subheads, lists, quotes, images — and nothing around it', () => {
		const text = renderMarkdown(readPage('news-jsonld.html').body).text;
		for (const kept of ['PORTHAVEN — The £1.2bn harbour tunnel', '"It\'s 3*4 minutes instead of 40," said Gwen Price, 61, who crosses daily for work <and back>.', 'the council\'s [final] report, and its contractor_name', 'Tolls from June', 'Vans: £4.00', 'The first cars enter the tunnel at 6am.']) {
			expect(text).toContain(kept);
		}
		for (const dropped of ['Skip to content', 'Sport', 'Search', 'Advertisement', 'Share on Facebook', 'Copy link', 'Related', 'Bridge to close', 'morning briefing', 'Sign up', 'trackRead', 'Most read', 'cookies', '© The Coastal Herald', 'By Aoife Byrne', '6.30am', 'Tags:']) {
			expect(text).not.toContain(dropped);
		}
		const opengraph = renderMarkdown(readPage('news-opengraph.html').body);
		expect(opengraph.html).toContain('<blockquote>');
		for (const dropped of ['Subscribe', 'Share', 'You may also like', 'By Ruth Okafor']) expect(opengraph.text).not.toContain(dropped);
	});

	test('an image in the page stays an image with its description', () => {
		expect(readPage('news-jsonld.html').body).toContain('![Cars entering the tunnel at dawn](https://cdn.coastalherald.example/tunnel.jpg)');
	});

	test('every fixture page becomes a file the archive accepts', () => {
		for (const name of ['news-jsonld.html', 'news-opengraph.html', 'news-visible.html']) {
			const built = createArticleFile(readPage(name, 'Fallback'), { timeZone: 'Europe/London' });
			if (!built.ok) throw new Error(built.reason);
			expect(parseArticle(built.file.text, name).ok).toBe(true);
		}
	});

	test('a page whose article is only a paywall and scripts is rejected with that reason', () => {
		expect(readWebPage(fixture('news-empty.html'), context)).toMatchObject({ ok: false, reason: /no story text/ });
	});

	test('broken JSON-LD is passed over and the meta tags still describe the story', () => {
		const html = '<!doctype html><html><head><script type="application/ld+json">{ not json</script><meta property="og:title" content="Meta title"><meta property="article:published_time" content="2022-01-05"><meta property="og:site_name" content="Site"></head><body><article><p>Story.</p></article></body></html>';
		expect(readWebPage(html, context)).toMatchObject({ ok: true, draft: { title: 'Meta title', date: '2022-01-05', source: 'Site', body: 'Story.\n' } });
	});
});
