import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkArticles } from '../../src/tooling/check-articles.ts';
import { parseSiteConfig } from '../../src/model/config.ts';
import { prepareArticle } from '../../src/model/prepare-article.ts';
import {
	findShardOfYear,
	getShardBase,
	getStorySelection,
	getStoryYear,
	isYearSelected,
	listShardedMonths,
	selectShard,
	type Shard,
} from '../../src/model/shards.ts';
import { checkLedger, formatLedger, type BuildLedger } from '../../src/outputs/ledger.ts';
import { createShardManifest } from '../../src/outputs/shard-manifest.ts';

const SHARDS: Shard[] = [
	{ name: '1980s', from: 1980, to: 1989 },
	{ name: '1990s', from: 1990, to: 1999 },
];
const settings = (shards: unknown, base = '/') => parseSiteConfig({ title: 'Gazette', url: 'https://news.example.org', base, shards });

const story = (date: string, extra = '') => `---\ntitle: Harbour reopens\ndate: '${date}'\nbylines: []\nsource: Wire\n${extra}---\nThe harbour reopened today.\n`;

describe('the shards setting', () => {
	test('takes years as numbers or as text', () => {
		expect(settings([{ name: '1980s', from: '1980', to: 1989 }]).shards).toEqual([{ name: '1980s', from: 1980, to: 1989 }]);
	});

	test.each<[string, unknown, RegExp]>([
		['a name that cannot be a folder', [{ name: '1980s/old', from: 1980, to: 1989 }], /shards\.0\.name: .*lower-case letters, digits and hyphens/],
		['a name the combined site uses', [{ name: 'search', from: 1980, to: 1989 }], /shards\.0\.name: "search" is a folder of the combined site/],
		['years in the wrong order', [{ name: 'a', from: 1989, to: 1980 }], /shards\.0\.to: from must not come after to/],
		['a year that is not one', [{ name: 'a', from: 'the eighties', to: 1989 }], /shards\.0\.from: from must be a year such as 1980/],
		['a missing year', [{ name: 'a', from: 1980 }], /shards\.0\.to: to must be a year such as 1980/],
		['the same name twice', [SHARDS[0], { ...SHARDS[1], name: '1980s' }], /shards\.1\.name: the shard name "1980s" is used twice/],
		['a year in two shards', [SHARDS[0], { name: 'late', from: 1989, to: 1995 }], /shards\.1: shard "late" \(1989–1995\) shares years with shard "1980s" \(1980–1989\)/],
		['an unknown field', [{ ...SHARDS[0], base: '/x/' }], /shards\.0: unknown setting "base"/],
	])('%s is refused, naming the shard and field', (_name, shards, message) => {
		expect(() => settings(shards)).toThrow(message);
	});
});

describe('selectShard', () => {
	test('a named shard is built under its own folder of the site, remembering where the site is', () => {
		const site = selectShard(settings(SHARDS, '/archive/'), '1990s');
		expect(site.base).toBe('/archive/1990s/');
		expect(site.shard).toEqual({ name: '1990s', from: 1990, to: 1999, siteBase: '/archive/' });
	});

	test('with no shard named, the whole archive is built as one site', () => {
		const site = settings(SHARDS);
		expect(selectShard(site, undefined)).toBe(site);
		expect(selectShard(site, '')).toBe(site);
	});

	test('an unknown shard name is an error listing the shards there are', () => {
		expect(() => selectShard(settings(SHARDS), '1970s')).toThrow('CLIPPINGS_SHARD is "1970s", but the shards in astro.config.mjs are "1980s", "1990s"');
	});

	test('a shard named for an archive without shards is an error', () => {
		expect(() => selectShard(settings(undefined), '1980s')).toThrow('CLIPPINGS_SHARD is "1980s", but astro.config.mjs sets no shards');
	});

	test('a shard lives in a folder of the site base', () => {
		expect(getShardBase('/', '1980s')).toBe('/1980s/');
		expect(getShardBase('/archive', '1980s')).toBe('/archive/1980s/');
	});
});

describe('which stories a build takes', () => {
	test.each([
		['a day', '1989-12-31', 'UTC', 1989],
		['an instant read in the archive’s time zone', '1989-12-31T23:30:00-05:00', 'UTC', 1990],
		['an instant that is still the old year where the archive is', '1990-01-01T02:00:00Z', 'America/New_York', 1989],
	])('%s belongs to the year of its address', (_name, date, timeZone, year) => {
		expect(getStoryYear(date, timeZone)).toBe(year);
	});

	test('a shard’s build takes its own years only; a whole build takes every shard’s', () => {
		const shard = getStorySelection(SHARDS, '1980s', 'UTC')!;
		expect([1979, 1980, 1989, 1990].map((year) => isYearSelected(shard, year))).toEqual([false, true, true, false]);
		const whole = getStorySelection(SHARDS, undefined, 'UTC')!;
		expect([1979, 1980, 1999, 2000].map((year) => isYearSelected(whole, year))).toEqual([false, true, true, false]);
	});

	test('an archive without shards takes every story', () => {
		expect(getStorySelection(undefined, undefined, 'UTC')).toBeUndefined();
		expect(getStorySelection([], undefined, 'UTC')).toBeUndefined();
	});

	test('each year is built by the one shard that covers it, or by none', () => {
		expect(findShardOfYear(SHARDS, 1995)?.name).toBe('1990s');
		expect(findShardOfYear(SHARDS, 2001)).toBeUndefined();
	});

	test('a story of another shard’s years is validated but not rendered', () => {
		const selection = getStorySelection(SHARDS, '1980s', 'UTC');
		expect(prepareArticle(story('1987-02-03'), 'a.md', selection).kind).toBe('article');
		expect(prepareArticle(story('1995-06-01'), 'b.md', selection)).toEqual({ kind: 'elsewhere', file: 'b.md', year: 1995 });
		expect(prepareArticle(story('1995-06-01', 'draft: true\n'), 'c.md', selection)).toEqual({ kind: 'elsewhere', file: 'c.md', year: 1995 });
		expect(prepareArticle(story('1995-06-01', 'colour: red\n'), 'd.md', selection).kind).toBe('refused');
	});

	test('the search’s date range covers the other shards’ years month by month, and this shard’s own months', () => {
		const months = listShardedMonths(SHARDS, '1980s', ['1987-02', '1988-11']);
		expect(months.slice(0, 3)).toEqual(['1987-02', '1988-11', '1990-01']);
		expect(months).toHaveLength(2 + 120);
		expect(months.at(-1)).toBe('1999-12');
	});
});

describe('the ledger of a shard’s build', () => {
	const LEDGER: BuildLedger = {
		found: 5,
		articles: 2,
		drafts: [],
		elsewhere: [
			{ file: 'content/articles/c.md', shard: '1990s' },
			{ file: 'content/articles/d.md', shard: '2000s' },
			{ file: 'content/articles/e.md', shard: '1990s' },
		],
		ignored: [],
		pages: 2,
		missingPages: [],
		searchRecords: 2,
	};

	test('accounts for the files other shards build, by shard', () => {
		expect(checkLedger(LEDGER)).toEqual([]);
		expect(formatLedger(LEDGER)).toBe('ledger: 5 files found = 2 articles + 0 drafts + 2 built by shard 1990s + 1 built by shard 2000s; 2 pages written; 2 search records');
	});

	test('still fails when a file is unaccounted for', () => {
		expect(checkLedger({ ...LEDGER, found: 6 })).toEqual(['6 Markdown files found, but only 2 articles, 0 drafts and 3 for other shards came out of them: 1 unaccounted for']);
	});

	test('goes into the shard’s manifest with its stories by year and language', () => {
		const site = selectShard(settings(SHARDS), '1980s');
		const manifest = createShardManifest({ ...site, shard: site.shard! }, LEDGER, ['/1988/01/02/b/', '/1987/02/03/a/'], { en: 2 });
		expect(manifest).toMatchObject({
			shard: { name: '1980s', from: 1980, to: 1989, siteBase: '/' },
			shards: SHARDS,
			site: { title: 'Gazette', url: 'https://news.example.org', lang: 'en' },
			years: { '1987': 1, '1988': 1 },
			languages: { en: 2 },
			ledger: { found: 5, articles: 2, drafts: 0, elsewhere: { '1990s': 2, '2000s': 1 } },
		});
		expect(Object.keys(manifest.years)).toEqual(['1987', '1988']);
	});
});

describe('npm run check on an archive built in shards', () => {
	test('names every story and draft dated in no shard, as every shard’s build would', async () => {
		const content = mkdtempSync(path.join(tmpdir(), 'clippings-shards-check-'));
		try {
			const files = { 'in.md': story('1985-02-03'), 'old.md': story('1975-02-03'), 'old-draft.md': story('2001-02-03', 'draft: true\n') };
			for (const [name, text] of Object.entries(files)) {
				mkdirSync(path.join(content, 'articles'), { recursive: true });
				writeFileSync(path.join(content, 'articles', name), text);
			}
			const result = await checkArticles({ root: content, directory: path.join(content, 'articles'), timeZone: 'UTC', read: (file) => readFileSync(path.join(content, file)), shards: SHARDS });
			expect(result.lines).toEqual([
				'articles/old-draft.md: date: is dated in 2001, which no shard builds (shards in astro.config.mjs: 1980s 1980–1989, 1990s 1990–1999); add a shard for it or correct the date',
				'articles/old.md: date: is dated in 1975, which no shard builds (shards in astro.config.mjs: 1980s 1980–1989, 1990s 1990–1999); add a shard for it or correct the date',
			]);
			expect(result.articles).toBe(1);
		} finally {
			rmSync(content, { recursive: true, force: true });
		}
	});
});
