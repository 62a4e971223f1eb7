/**
 * `npm run combine`: puts the outputs of a sharded archive's builds (one `dist/` per shard, each built with
 * `CLIPPINGS_SHARD`) together into one folder of plain static files, served from any host or CDN. Each
 * shard goes into its own folder (`<out>/1980s/`, which is where its build's `base` put its links); the
 * root gets a page listing the shards, a `/search/` that opens the newest shard's search (which searches
 * every shard), a `robots.txt` naming every shard's sitemap, and the newest shard's `404.html` and `_headers`.
 *
 * Before anything is written, the shards are checked against each other: the same archive and settings,
 * every shard present once, and a ledger that balances across them (the files each shard left to another are
 * exactly those the other built), so no story is left out or built twice. A file that is already in the
 * output with other content is never overwritten.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from '../i18n/index.ts';
import { getTextDirection } from '../model/text-direction.ts';
import { countNoun } from '../model/count-noun.ts';
import { formatYears, getShardBase } from '../model/shards.ts';
import { getRobotsPath, getSearchPath, getShardManifestPath, getSitemapIndexPath, getYearPath, withBase } from '../model/urls.ts';
import { SHARD_MANIFEST_VERSION, type ShardManifest } from '../outputs/shard-manifest.ts';

/** A shard's build, as `combine` reads it. */
export interface ShardOutput {
	/** The shard build's output folder. */
	dir: string;
	manifest: ShardManifest;
}

/** What `combineShards` did. */
export interface CombineResult {
	shards: { name: string; stories: number; files: number }[];
	stories: number;
	/** Files copied from the shards, and written at the root. */
	files: number;
	/** Files already in the output with the same content, left as they were. */
	unchanged: number;
}

/**
 * Reads a shard's manifest (`clippings-shard.json`), which only a shard's build writes.
 * @example readShardOutput('dist-1980s').manifest.shard.name // '1980s'
 */
export function readShardOutput(dir: string): ShardOutput {
	const file = path.join(dir, ...getShardManifestPath().split('/').filter(Boolean));
	if (!existsSync(file)) {
		throw new Error(`${dir} is not a shard's build: it has no ${path.basename(file)} (build each shard with CLIPPINGS_SHARD=<name> astro build)`);
	}
	const manifest = JSON.parse(readFileSync(file, 'utf8')) as ShardManifest;
	if (manifest.version !== SHARD_MANIFEST_VERSION) {
		throw new Error(`${file} was written by another version of Clippings (manifest version ${String(manifest.version)}, this one reads ${SHARD_MANIFEST_VERSION}); build the shard again`);
	}
	return { dir, manifest };
}

/**
 * Everything that stops shards from making one site, in words; empty when they are all the shards of one
 * archive, each once, built from the same content.
 */
export function checkShards(outputs: readonly ShardOutput[]): string[] {
	if (outputs.length === 0) return ['no shard was given'];
	const problems: string[] = [];
	const [first] = outputs as [ShardOutput, ...ShardOutput[]];
	const settings = (output: ShardOutput) => JSON.stringify({ shards: output.manifest.shards, siteBase: output.manifest.shard.siteBase, url: output.manifest.site.url });
	for (const output of outputs.slice(1)) {
		if (settings(output) !== settings(first)) {
			problems.push(`${output.dir} (shard ${output.manifest.shard.name}) was built with other settings than ${first.dir}: shards, base and url must be the same in every shard's build`);
		}
	}
	const byName = new Map<string, ShardOutput>();
	for (const output of outputs) {
		const before = byName.get(output.manifest.shard.name);
		if (before) problems.push(`shard ${output.manifest.shard.name} was given twice: ${before.dir} and ${output.dir}`);
		else byName.set(output.manifest.shard.name, output);
	}
	for (const shard of first.manifest.shards) {
		if (!byName.has(shard.name)) problems.push(`shard ${shard.name} (${formatYears(shard)}) is missing: give its build too, or the site would lack its stories`);
	}
	if (problems.length > 0) return problems;

	// Every shard saw the same files, and what each left to another is exactly what the other built.
	for (const output of outputs) {
		const { ledger, shard } = output.manifest;
		if (ledger.found !== first.manifest.ledger.found) {
			problems.push(`shard ${shard.name} found ${countNoun(ledger.found, 'file')}, shard ${first.manifest.shard.name} ${first.manifest.ledger.found}: build every shard from the same content`);
			continue;
		}
		for (const other of outputs) {
			if (other === output) continue;
			const left = ledger.elsewhere[other.manifest.shard.name] ?? 0;
			const built = other.manifest.ledger.articles + other.manifest.ledger.drafts;
			if (left !== built) {
				problems.push(
					`shard ${shard.name} left ${countNoun(left, 'file')} to shard ${other.manifest.shard.name}, which built ${countNoun(other.manifest.ledger.articles, 'article')} and ${countNoun(other.manifest.ledger.drafts, 'draft')}: build every shard from the same content`,
				);
			}
		}
	}
	return problems;
}

/**
 * Combines shards' builds into `out`. Throws, writing nothing, when the shards don't make one archive
 * (`checkShards`) or when a file in `out` would be overwritten with other content.
 */
export function combineShards(out: string, dirs: readonly string[]): CombineResult {
	const outputs = dirs.map((dir) => readShardOutput(path.resolve(dir)));
	const problems = checkShards(outputs);
	if (problems.length > 0) throw new Error(`Clippings: these shards do not make one archive:\n  ${problems.join('\n  ')}`);
	// Oldest shard first, as the archive reads.
	outputs.sort((a, b) => a.manifest.shard.from - b.manifest.shard.from);

	const copies: { from: string; to: string }[] = [];
	const perShard = outputs.map((output) => {
		const files = listFiles(output.dir);
		for (const file of files) copies.push({ from: path.join(output.dir, file), to: path.join(out, output.manifest.shard.name, file) });
		return { name: output.manifest.shard.name, stories: output.manifest.ledger.articles, files: files.length };
	});
	const written = writeRootFiles(outputs);
	const conflicts = [
		...copies.filter(({ from, to }) => existsSync(to) && !isSameFile(from, to)).map(({ from, to }) => `${to} (from ${from})`),
		...written.filter(({ file, text }) => existsSync(path.join(out, file)) && readFileSync(path.join(out, file), 'utf8') !== text).map(({ file }) => `${path.join(out, file)} (the combined site's own page)`),
	];
	if (conflicts.length > 0) {
		const shown = conflicts.slice(0, 10);
		throw new Error(
			`Clippings: combine would overwrite ${countNoun(conflicts.length, 'file')} already in ${out} with other content:\n  ${shown.join('\n  ')}` +
				(conflicts.length > shown.length ? `\n  … and ${conflicts.length - shown.length} more` : '') +
				'\nCombine into an empty folder (or delete the earlier combined site first).',
		);
	}

	let files = 0;
	let unchanged = 0;
	for (const { from, to } of copies) {
		if (existsSync(to)) {
			unchanged++;
			continue;
		}
		mkdirSync(path.dirname(to), { recursive: true });
		copyFileSync(from, to);
		files++;
	}
	for (const { file, text } of written) {
		const target = path.join(out, file);
		if (existsSync(target)) {
			unchanged++;
			continue;
		}
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, text);
		files++;
	}
	const stories = perShard.reduce((sum, shard) => sum + shard.stories, 0);
	return { shards: perShard, stories, files, unchanged };
}

/** Every file under a folder, relative to it. */
function listFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
		.sort();
}

function isSameFile(a: string, b: string): boolean {
	return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
}

/** The combined site's own files, relative to its folder. */
function writeRootFiles(outputs: readonly ShardOutput[]): { file: string; text: string }[] {
	const newest = outputs.at(-1)!;
	const { site, shard } = newest.manifest;
	const siteBase = shard.siteBase;
	const searchPage = withBase(getSearchPath(), getShardBase(siteBase, shard.name));
	const files = [
		{ file: 'index.html', text: renderShardList(outputs, searchPage) },
		{ file: path.join('search', 'index.html'), text: renderSearchRedirect(site, searchPage) },
		{
			file: getRobotsPath().slice(1),
			text: `User-agent: *\nAllow: /\n\n${outputs.map((output) => `Sitemap: ${new URL(withBase(getSitemapIndexPath(), getShardBase(siteBase, output.manifest.shard.name)), site.url).href}`).join('\n')}\n`,
		},
	];
	// The newest shard's page for a missing address (its links are absolute, so it works at the root too), and
	// its security headers for the hosts that read them only at the root (Netlify, Cloudflare Pages).
	for (const file of ['404.html', '_headers']) {
		const source = path.join(newest.dir, file);
		if (existsSync(source)) files.push({ file, text: readFileSync(source, 'utf8') });
	}
	return files;
}

/** The combined site's home page: the archive's shards, their years and how many stories each holds. */
function renderShardList(outputs: readonly ShardOutput[], searchPage: string): string {
	const { site, shard } = outputs[0]!.manifest;
	const ui = createTranslator(site.lang);
	const stories = outputs.reduce((sum, output) => sum + output.manifest.ledger.articles, 0);
	const items = outputs.map(({ manifest }) => {
		const base = getShardBase(shard.siteBase, manifest.shard.name);
		const years = Object.entries(manifest.years).map(
			([year, count]) => `<li><a href="${escapeHtml(withBase(getYearPath(year), base))}">${escapeHtml(year)}</a> <span class="count">${escapeHtml(ui.t('count.stories', { count }))}</span></li>`,
		);
		return `<li class="shard">
<h2><a href="${escapeHtml(base)}">${escapeHtml(formatYears(manifest.shard))}</a></h2>
<p>${escapeHtml(ui.t('count.stories', { count: manifest.ledger.articles }))}</p>
${years.length > 0 ? `<ul class="years">${years.join('')}</ul>` : ''}
</li>`;
	});
	return `<!doctype html>
<html lang="${escapeHtml(site.lang)}" dir="${getTextDirection(site.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(site.title)}</title>
<meta name="description" content="${escapeHtml(site.description)}">
<style>
body { margin: 0 auto; max-width: 48rem; padding: 1.5rem; font: 1.05rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fbfaf7; }
@media (prefers-color-scheme: dark) { body { color: #ececec; background: #151515; } a { color: #9cc7ff; } }
h1 { font-family: Georgia, serif; font-size: 2.4rem; margin: 1rem 0 0.25rem; }
form { display: flex; gap: 0.5rem; margin: 1.5rem 0; flex-wrap: wrap; }
input { flex: 1; min-width: 12rem; font: inherit; padding: 0.4rem 0.6rem; }
button { font: inherit; padding: 0.4rem 1rem; }
.shards { list-style: none; padding: 0; }
.shard { border-top: 1px solid #8884; padding: 1rem 0; }
.shard h2 { margin: 0; font-family: Georgia, serif; }
.shard p { margin: 0.25rem 0; }
.years { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; padding: 0; margin: 0.5rem 0 0; }
.count { color: #6b6b6b; font-size: 0.9em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(site.title)}</h1>
<p>${escapeHtml(site.description)} ${escapeHtml(ui.t('count.stories', { count: stories }))}.</p>
</header>
<main>
<form role="search" action="${escapeHtml(searchPage)}" method="get">
<label for="q" class="visually-hidden">${escapeHtml(ui.t('search.words'))}</label>
<input id="q" type="search" name="q">
<button type="submit">${escapeHtml(ui.t('search.button'))}</button>
</form>
<ul class="shards">
${items.join('\n')}
</ul>
</main>
</body>
</html>
`;
}

/** `/search/` of the combined site: the newest shard's search page, which searches every shard, with the query kept. */
function renderSearchRedirect(site: ShardManifest['site'], searchPage: string): string {
	const target = JSON.stringify(searchPage).replace(/</g, '\\u003c');
	return `<!doctype html>
<html lang="${escapeHtml(site.lang)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(site.title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(new URL(searchPage, site.url).href)}">
<script>location.replace(${target} + location.search + location.hash);</script>
<noscript><meta http-equiv="refresh" content="0; url=${escapeHtml(searchPage)}"></noscript>
</head>
<body>
<p><a href="${escapeHtml(searchPage)}">${escapeHtml(createTranslator(site.lang).t('nav.search'))}</a></p>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
