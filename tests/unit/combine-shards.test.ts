import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Shard } from '../../src/model/shards.ts';
import type { ShardManifest } from '../../src/outputs/shard-manifest.ts';
import { checkShards, combineShards, readShardOutput, type ShardOutput } from '../../src/tooling/combine-shards.ts';

const SHARDS: Shard[] = [
	{ name: 'early', from: 1990, to: 2007 },
	{ name: 'late', from: 2008, to: 2025 },
];

let work: string;
beforeEach(() => {
	work = mkdtempSync(path.join(tmpdir(), 'clippings-combine-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A manifest as a shard's build writes it: `articles` of its own, and `left` files for each other shard. */
function manifest(name: string, articles: number, left: Record<string, number>, change: Partial<ShardManifest> = {}): ShardManifest {
	const shard = SHARDS.find((candidate) => candidate.name === name)!;
	const found = articles + Object.values(left).reduce((sum, count) => sum + count, 0);
	return {
		version: 1,
		shard: { ...shard, siteBase: '/' },
		shards: SHARDS,
		site: { title: 'The <Gazette>', description: 'Stories.', url: 'https://news.example.org', lang: 'en' },
		years: { [String(shard.from)]: articles },
		languages: { en: articles },
		ledger: { found, articles, drafts: 0, elsewhere: left },
		...change,
	};
}

/** A shard's build folder: its manifest and a few pages. */
function shardDist(folder: string, written: ShardManifest, files: Record<string, string> = {}): string {
	const dir = path.join(work, folder);
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, 'clippings-shard.json'), JSON.stringify(written));
	const pages = { 'index.html': `<h1>${written.shard.name}</h1>`, '404.html': `<p>missing in ${written.shard.name}</p>`, _headers: '/*\n  X-Frame-Options: DENY\n', 'search/index.html': 'search', ...files };
	for (const [file, text] of Object.entries(pages)) {
		mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		writeFileSync(path.join(dir, file), text);
	}
	return dir;
}

const output = (dir: string, written: ShardManifest): ShardOutput => ({ dir, manifest: written });

describe('combineShards', () => {
	test('puts each shard in its own folder and lists them on the root page, with their years and stories', () => {
		const early = shardDist('dist-early', manifest('early', 3, { late: 2 }));
		const late = shardDist('dist-late', manifest('late', 2, { early: 3 }));
		const out = path.join(work, 'site');
		const result = combineShards(out, [late, early]);
		expect(result.stories).toBe(5);
		expect(result.shards.map(({ name, stories }) => [name, stories])).toEqual([
			['early', 3],
			['late', 2],
		]);
		expect(readFileSync(path.join(out, 'early', 'index.html'), 'utf8')).toBe('<h1>early</h1>');
		expect(readFileSync(path.join(out, 'late', 'index.html'), 'utf8')).toBe('<h1>late</h1>');
		const $ = load(readFileSync(path.join(out, 'index.html'), 'utf8'));
		expect($('title').text()).toBe('The <Gazette>');
		expect($('.shard h2 a').map((_index, link) => [[$(link).attr('href'), $(link).text()]]).get()).toEqual([
			['/early/', '1990–2007'],
			['/late/', '2008–2025'],
		]);
		expect($('.shard p').map((_index, line) => $(line).text()).get()).toEqual(['3 stories', '2 stories']);
		expect($('.years a').first().attr('href')).toBe('/early/1990/');
		expect($('form[role="search"]').attr('action')).toBe('/late/search/');
		expect(readFileSync(path.join(out, 'search', 'index.html'), 'utf8')).toContain('location.replace("/late/search/" + location.search');
		expect(readFileSync(path.join(out, '404.html'), 'utf8')).toBe('<p>missing in late</p>');
		expect(readFileSync(path.join(out, '_headers'), 'utf8')).toBe('/*\n  X-Frame-Options: DENY\n');
		expect(readFileSync(path.join(out, 'robots.txt'), 'utf8')).toContain('Sitemap: https://news.example.org/early/sitemap-index.xml\nSitemap: https://news.example.org/late/sitemap-index.xml');
	});

	test('combining the same shards again leaves the identical files as they are', () => {
		const dirs = [shardDist('dist-early', manifest('early', 3, { late: 2 })), shardDist('dist-late', manifest('late', 2, { early: 3 }))];
		const out = path.join(work, 'site');
		const first = combineShards(out, dirs);
		const again = combineShards(out, dirs);
		expect(again.files).toBe(0);
		expect(again.unchanged).toBe(first.files);
	});

	test('refuses to overwrite a file with other content, naming it, and writes nothing', () => {
		const early = shardDist('dist-early', manifest('early', 3, { late: 2 }));
		const late = shardDist('dist-late', manifest('late', 2, { early: 3 }));
		const out = path.join(work, 'site');
		mkdirSync(path.join(out, 'late'), { recursive: true });
		writeFileSync(path.join(out, 'late', 'index.html'), '<h1>an older late</h1>');
		expect(() => combineShards(out, [early, late])).toThrow(
			new RegExp(`combine would overwrite 1 file already in .* with other content:\\n  ${path.join(out, 'late', 'index.html')} \\(from ${path.join(late, 'index.html')}\\)`),
		);
		expect(existsSync(path.join(out, 'early', 'index.html'))).toBe(false);
		expect(readFileSync(path.join(out, 'late', 'index.html'), 'utf8')).toBe('<h1>an older late</h1>');
	});

	test('refuses a root page that is already there with other content', () => {
		const dirs = [shardDist('dist-early', manifest('early', 3, { late: 2 })), shardDist('dist-late', manifest('late', 2, { early: 3 }))];
		const out = path.join(work, 'site');
		mkdirSync(out, { recursive: true });
		writeFileSync(path.join(out, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
		expect(() => combineShards(out, dirs)).toThrow(/robots\.txt \(the combined site's own page\)/);
	});

	test('refuses a folder that is not a shard’s build', () => {
		mkdirSync(path.join(work, 'dist'));
		expect(() => readShardOutput(path.join(work, 'dist'))).toThrow(/dist is not a shard's build: it has no clippings-shard\.json \(build each shard with CLIPPINGS_SHARD=<name>/);
	});
});

describe('checkShards', () => {
	const early = manifest('early', 3, { late: 2 });
	const late = manifest('late', 2, { early: 3 });

	test('the shards of one archive built from the same content make one site', () => {
		expect(checkShards([output('a', early), output('b', late)])).toEqual([]);
	});

	test.each<[string, ShardOutput[], RegExp]>([
		['a missing shard', [output('a', early)], /shard late \(2008–2025\) is missing/],
		['a shard given twice', [output('a', early), output('b', late), output('c', early)], /shard early was given twice: a and c/],
		['a shard built with other settings', [output('a', early), output('b', { ...late, shard: { ...late.shard, siteBase: '/archive/' } })], /b \(shard late\) was built with other settings than a/],
		['shards that found different files', [output('a', early), output('b', manifest('late', 3, { early: 3 }))], /shard late found 6 files, shard early 5: build every shard from the same content/],
		['a story one shard left to another that the other did not build', [output('a', manifest('early', 3, { late: 2 })), output('b', manifest('late', 1, { early: 4 }))], /shard early left 2 files to shard late, which built 1 article and 0 drafts/],
	])('%s is refused', (_name, outputs, message) => {
		expect(checkShards(outputs).join('\n')).toMatch(message);
	});
});
