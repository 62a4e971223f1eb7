import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { detectShape } from '../../src/tooling/import/detect.ts';
import type { ArticleDraft } from '../../src/tooling/import/draft.ts';
import { readAtomFeed, readRssFeed } from '../../src/tooling/import/feeds.ts';
import { importArticles, type ImportOptions } from '../../src/tooling/import/import-articles.ts';
import { prepareInput } from '../../src/tooling/import/prepare-input.ts';
import { readWordPressDate, readWordPressExport } from '../../src/tooling/import/wordpress-export.ts';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { parseArticle } from '../../src/model/parse-article.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const context = { file: 'export.xml', timeZone: 'America/Chicago' };

interface Outcome {
	id: string;
	skipped?: string;
	draft?: ArticleDraft;
	leftOut?: string[] | undefined;
}

function drafts(result: ReturnType<typeof readWordPressExport>): Outcome[] {
	if (!result.ok) throw new Error(result.reason);
	return result.items.map((item): Outcome => ('skipped' in item ? { id: item.id, skipped: item.skipped } : { id: item.id, ...(item.read.ok ? { draft: item.read.draft, leftOut: item.read.leftOut } : {}) }));
}

describe('WordPress exports (WXR)', () => {
	test('are recognised by their export namespace; feeds by their root element; other XML is refused by name', () => {
		expect(detectShape('export.xml', fixture('wordpress-export.xml'))).toMatchObject({ ok: true, shape: 'wordpress-export' });
		expect(detectShape('feed.rss', fixture('feed-rss.xml'))).toMatchObject({ ok: true, shape: 'rss-feed' });
		expect(detectShape('feed.xml', fixture('feed-atom.xml'))).toMatchObject({ ok: true, shape: 'atom-feed' });
		expect(detectShape('sitemap.xml', '<?xml version="1.0"?><urlset></urlset>')).toEqual({ ok: false, reason: expect.stringMatching(/neither a WordPress export \(WXR\) nor an RSS 2\.0 or Atom feed/) });
	});

	test('a published post gets its author’s display name, section, topics, zoned date, summary, dateline and address', () => {
		const [levee] = drafts(readWordPressExport(fixture('wordpress-export.xml'), context));
		expect(levee).toMatchObject({
			id: 'post-101',
			draft: {
				title: 'River levee holds as spring floods crest',
				date: '2024-03-11T18:30:00-05:00',
				updated: '2024-03-12T08:15:00-05:00',
				bylines: ['María García'],
				source: 'The Riverside Record',
				section: 'Local',
				tags: ['Weather', 'Flooding'],
				summary: 'The river crested two feet below the top of the levee.',
				dateline: 'RIVERSIDE',
				lang: 'en-US',
				url: 'https://riverside-record.example/2024/03/11/river-levee-holds/',
			},
			leftOut: ['1 comment', 'featured image (attachment 201)'],
		});
	});

	test('a classic post’s blank-line paragraphs become paragraphs, and a block quote stays a quote', () => {
		const [levee] = drafts(readWordPressExport(fixture('wordpress-export.xml'), context));
		expect(levee!.draft!.body).toBe(
			'RIVERSIDE — The levee along Mill Road held on Monday as the river crested two feet below its top, the county said.\n\nCrews had stacked 4,000 sandbags since Friday.\\\nVolunteers brought coffee.\n\n> "We were lucky this time," said the county engineer.\n',
		);
	});

	test('a post’s script, frame, event handler and javascript: link are neutralised; its text, image and safe link are kept', () => {
		const budget = drafts(readWordPressExport(fixture('wordpress-export.xml'), context))[1]!;
		const body = budget.draft!.body;
		expect(body).not.toMatch(/script|evil\.example|javascript:|onerror|alert|iframe/i);
		expect(body).toContain('The school board voted 5-2 on Monday night to approve a **$41 million** budget.');
		expect(body).toContain('![Board members vote](https://riverside-record.example/wp-content/uploads/2024/03/board.jpg)');
		expect(body).toContain('Route map. [Timetables](https://riverside-record.example/bus).');
		const { html } = renderMarkdown(body);
		expect(html).not.toMatch(/<script|<iframe|onerror|javascript:/i);
		expect(budget).toMatchObject({ draft: { title: 'School board approves budget & new bus routes' }, leftOut: [expect.stringMatching(/Uncategorized/)] });
		expect(budget.draft!.section).toBeUndefined();
	});

	test('a draft stays a draft, its date read in the archive’s zone since WordPress gives it no GMT time', () => {
		const draft = drafts(readWordPressExport(fixture('wordpress-export.xml'), context))[2]!;
		expect(draft.draft).toMatchObject({ title: 'Draft: council pay rise', date: '2024-03-12T10:00:00', draft: true });
	});

	test('pages, attachments, menu items, trashed and password-protected posts are passed over, each with its reason', () => {
		expect(drafts(readWordPressExport(fixture('wordpress-export.xml'), context)).slice(3)).toEqual([
			{ id: 'post-2', skipped: 'a page (About, Contact…), not a post' },
			{ id: 'post-201', skipped: 'an attachment (the record of a media file), not a post' },
			{ id: 'post-301', skipped: 'a navigation menu item, not a post' },
			{ id: 'post-104', skipped: 'in WordPress’s trash' },
			{ id: 'post-105', skipped: expect.stringMatching(/^password-protected/) },
		]);
	});

	test.each([
		['2024-01-02 05:00:00', '2024-01-02 10:00:00', '2024-01-02T05:00:00-05:00'],
		['2024-07-02 15:45:00', '2024-07-02 10:00:00', '2024-07-02T15:45:00+05:45'],
		['2024-07-02 10:00:00', '2024-07-02 10:00:00', '2024-07-02T10:00:00+00:00'],
		['2024-03-12 10:00:00', '0000-00-00 00:00:00', '2024-03-12T10:00:00'],
		['0000-00-00 00:00:00', '0000-00-00 00:00:00', undefined],
	])('local %s with GMT %s is %s', (local, gmt, expected) => {
		expect(readWordPressDate(local, gmt, 'UTC')).toBe(expected);
	});

	test('every post becomes a file that parseArticle accepts, named after the export and the post', () => {
		const prepared = prepareInput(path.join(FIXTURES, 'wordpress-export.xml'), 'export.xml', { timeZone: 'America/Chicago', knownSources: [] });
		expect(prepared.map((item) => [item.input, item.ok ? 'ok' : item.skipped ? 'skipped' : 'rejected'])).toEqual([
			['export.xml#post-101', 'ok'],
			['export.xml#post-102', 'ok'],
			['export.xml#post-103', 'ok'],
			['export.xml#post-2', 'skipped'],
			['export.xml#post-201', 'skipped'],
			['export.xml#post-301', 'skipped'],
			['export.xml#post-104', 'skipped'],
			['export.xml#post-105', 'skipped'],
		]);
		for (const item of prepared) if (item.ok) expect(parseArticle(item.article.text, item.input).ok).toBe(true);
	});

	test.each([
		['an entity declaration', '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&a;</title></item></channel></rss>', /declares entities/],
		['broken XML', '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>x</channel></rss>', /the XML cannot be read/],
	])('%s is refused with a reason', (_, text, reason) => {
		expect(readWordPressExport(text, context)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
	});
});

describe('RSS 2.0 and Atom feeds', () => {
	test('an RSS item gives its full text from content:encoded, its description as the summary, its creator, topics and date', () => {
		const result = readRssFeed(fixture('feed-rss.xml'), { ...context, file: 'feed.xml' });
		if (!result.ok) throw new Error(result.reason);
		const [ferry, lifeboat] = result.items.map((item) => ('read' in item && item.read.ok ? item.read.draft : undefined));
		expect(ferry).toMatchObject({
			title: 'Ferry service resumes after storm',
			date: '2024-02-03T09:15:00+00:00',
			bylines: ['Priya Nair'],
			source: 'Harbour Daily',
			summary: 'Crossings restart at noon.',
			tags: ['Transport', 'Weather'],
			dateline: 'PORTHAVEN',
			lang: 'en-gb',
			url: 'https://harbour-daily.example/2024/02/03/ferry-resumes',
		});
		expect(ferry!.body).toBe('PORTHAVEN — Ferries to the islands will run again from noon on Saturday, the operator said.\n\nThe storm kept boats in harbour for three days.\n');
		expect(lifeboat).toMatchObject({ bylines: ['Owen Hughes'], date: '2024-02-02T17:40:00+00:00', body: 'Two kayakers were pulled from the water near the point on Friday & taken to hospital.\n' });
		expect(lifeboat!.summary).toBeUndefined();
	});

	test('an Atom entry reads its xhtml content in order, html titles as text, published and updated, and the feed’s language', () => {
		const result = readAtomFeed(fixture('feed-atom.xml'), { ...context, file: 'feed.xml' });
		if (!result.ok) throw new Error(result.reason);
		const [bridge, market] = result.items.map((item) => ('read' in item && item.read.ok ? item.read.draft : undefined));
		expect(bridge).toMatchObject({
			title: 'Neue Brücke eröffnet',
			date: '2024-04-01T08:30:00+02:00',
			updated: '2024-04-01T12:00:00+02:00',
			bylines: ['Jana Keller'],
			source: 'Stadtanzeiger',
			summary: 'Die Brücke ist offen.',
			tags: ['Verkehr'],
			dateline: 'BERLIN',
			lang: 'de',
			url: 'https://stadtanzeiger.example/2024/04/01/bruecke',
			body: 'BERLIN (dpa) – Die neue Brücke über die Spree ist am Montag _für den Verkehr_ freigegeben worden.\n\nDer Bau dauerte vier Jahre.\n',
		});
		expect(market).toMatchObject({ date: '2024-03-30T07:00:00+01:00', bylines: ['Redaktion'], body: 'Der Wochenmarkt zieht wegen Bauarbeiten auf den Kirchplatz & bleibt dort bis Mai.\n' });
	});
});

describe('importing an export into the archive', () => {
	let project: string;
	let options: ImportOptions;
	beforeEach(() => {
		project = mkdtempSync(path.join(tmpdir(), 'clippings-import-wxr-'));
		for (const name of ['wordpress-export.xml', 'feed-rss.xml', 'feed-atom.xml']) copyFileSync(path.join(FIXTURES, name), path.join(project, name));
		options = { root: project, content: 'content', timeZone: 'America/Chicago' };
	});
	afterEach(() => rmSync(project, { recursive: true, force: true }));

	const snapshot = () => {
		const dir = path.join(project, 'content');
		return Object.fromEntries(
			(readdirSync(dir, { recursive: true }) as string[])
				.filter((name) => statSync(path.join(dir, name)).isFile())
				.map((name) => [name, { text: readFileSync(path.join(dir, name), 'utf8'), mtime: statSync(path.join(dir, name)).mtimeMs }]),
		);
	};

	test('writes every post and feed item, reports every skipped item with its reason, and a second run changes no byte', async () => {
		const inputs = ['wordpress-export.xml', 'feed-rss.xml', 'feed-atom.xml'];
		const report = await importArticles(inputs, options);
		expect(report.counts).toEqual({ imported: 7, present: 0, rejected: 0, skipped: 5 });
		expect(report.skippedReasons?.reduce((sum, group) => sum + group.count, 0)).toBe(5);
		expect(report.results.filter((result) => result.status === 'skipped').map((result) => result.input)).toEqual([
			'wordpress-export.xml#post-2',
			'wordpress-export.xml#post-201',
			'wordpress-export.xml#post-301',
			'wordpress-export.xml#post-104',
			'wordpress-export.xml#post-105',
		]);
		const files = snapshot();
		expect(Object.keys(files).sort()).toEqual([
			'articles/harbour-daily/2024/2024-02-02-lifeboat-crew-rescues-two-kayakers.md',
			'articles/harbour-daily/2024/2024-02-03-ferry-service-resumes-after-storm.md',
			'articles/stadtanzeiger/2024/2024-03-30-markt-am-samstag-verlegt.md',
			'articles/stadtanzeiger/2024/2024-04-01-neue-brücke-eröffnet.md',
			'articles/the-riverside-record/2024/2024-03-11-river-levee-holds-as-spring-floods-crest.md',
			'articles/the-riverside-record/2024/2024-03-11-school-board-approves-budget-new-bus-routes.md',
			'articles/the-riverside-record/2024/2024-03-12-draft-council-pay-rise.md',
		]);
		for (const [name, { text }] of Object.entries(files)) expect(parseArticle(text, name).ok, name).toBe(true);

		const again = await importArticles(inputs, options);
		expect(again.counts).toEqual({ imported: 0, present: 7, rejected: 0, skipped: 5 });
		expect(snapshot()).toEqual(files);
	});
});
