/**
 * The build's ledger: every article file is accounted for, from the folder to the search index. Files found
 * = valid articles + drafts; valid articles = article pages written = search records. Files left out on
 * purpose (drafts, `_`-prefixed, `.mdx`) are listed by name, so nothing disappears without a line saying so.
 */
import { countNoun } from '../model/count-noun.ts';

/** A file under `articles/` that the build deliberately leaves out, and why. */
export interface LedgerSkippedFile {
	file: string;
	reason: string;
}

/** The counts of one build, gathered by the loader (files, articles, drafts) and after it (pages, search). */
export interface BuildLedger {
	/** Markdown files found under `articles/`. */
	found: number;
	/** Valid, published articles: each must get a page and a search record. */
	articles: number;
	/** Valid articles marked `draft: true`, by file. */
	drafts: readonly string[];
	/** In a shard's build, the valid files (articles and drafts) that other shards build, each with its shard. */
	elsewhere?: readonly { file: string; shard: string }[];
	/** Files that are not read at all (`_`-prefixed, `.mdx`, not Markdown), by file. */
	ignored: readonly LedgerSkippedFile[];
	/** Stories published under a suffixed address because an earlier story that day had their headline. */
	repeats?: readonly { file: string; kept: string; path: string }[];
	/** Article pages found in the output folder. */
	pages: number;
	/** Addresses of articles whose page is not in the output folder. */
	missingPages: readonly string[];
	/** Stories in the search index; `undefined` when the build wrote no index. */
	searchRecords?: number;
}

/**
 * Every way the ledger fails to balance, in words; empty when files found = articles + drafts (+ the files
 * other shards build) and articles = pages written = search records.
 * @example checkLedger({ found: 3, articles: 2, drafts: [], ignored: [], pages: 2, missingPages: [] })
 * // ['3 Markdown files found, but only 2 articles and 0 drafts came out of them: 1 unaccounted for']
 */
export function checkLedger(ledger: BuildLedger): string[] {
	const problems: string[] = [];
	const elsewhere = ledger.elsewhere?.length ?? 0;
	const accounted = ledger.articles + ledger.drafts.length + elsewhere;
	if (ledger.found !== accounted) {
		const others = elsewhere > 0 ? `, ${countNoun(ledger.drafts.length, 'draft')} and ${elsewhere} for other shards` : ` and ${countNoun(ledger.drafts.length, 'draft')}`;
		problems.push(
			`${countNoun(ledger.found, 'Markdown file')} found, but ${ledger.found > accounted ? 'only ' : ''}${countNoun(ledger.articles, 'article')}${others} came out of them: ` +
				`${Math.abs(ledger.found - accounted)} ${ledger.found > accounted ? 'unaccounted for' : 'too many'}`,
		);
	}
	if (ledger.pages !== ledger.articles || ledger.missingPages.length > 0) {
		const missing = ledger.missingPages.length > 0 ? `; missing: ${ledger.missingPages.join(', ')}` : '';
		problems.push(`${countNoun(ledger.articles, 'article')}, but ${countNoun(ledger.pages, 'article page')} written${missing}`);
	}
	if (ledger.searchRecords !== undefined && ledger.searchRecords !== ledger.articles) {
		problems.push(`${countNoun(ledger.articles, 'article')}, but the search index holds ${countNoun(ledger.searchRecords, 'record')}`);
	}
	return problems;
}

/**
 * The ledger as the build prints it: one line of counts, then the files left out, by name.
 * @example formatLedger({ found: 3, articles: 2, drafts: ['a.md'], ignored: [], pages: 2, missingPages: [], searchRecords: 2 })
 * // 'ledger: 3 files found = 2 articles + 1 draft; 2 pages written; 2 search records\n  draft: a.md'
 */
export function formatLedger(ledger: BuildLedger): string {
	const search = ledger.searchRecords === undefined ? 'no search index (not checked)' : countNoun(ledger.searchRecords, 'search record');
	const byShard = countByShard(ledger.elsewhere ?? []);
	const elsewhere = byShard.map(([shard, count]) => ` + ${count} built by shard ${shard}`).join('');
	const lines = [
		`ledger: ${countNoun(ledger.found, 'file')} found = ${countNoun(ledger.articles, 'article')} + ${countNoun(ledger.drafts.length, 'draft')}${elsewhere}; ` +
			`${countNoun(ledger.pages, 'page')} written; ${search}`,
		...ledger.drafts.map((file) => `  draft: ${file}`),
		...ledger.ignored.map(({ file, reason }) => `  ignored: ${file} (${reason})`),
		...(ledger.repeats ?? []).map(({ file, kept, path }) => `  repeated headline: ${file} at ${path} (the plain address is ${kept}'s)`),
	];
	return lines.join('\n');
}

/** How many files each other shard builds, by shard name. */
function countByShard(elsewhere: readonly { shard: string }[]): [string, number][] {
	const counts = new Map<string, number>();
	for (const { shard } of elsewhere) counts.set(shard, (counts.get(shard) ?? 0) + 1);
	return [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
}
