/**
 * The end-of-build ledger check: reads what the articles loader found, counts the article pages actually
 * written to the output folder, takes the search index's record count, prints the ledger and fails the
 * build when it doesn't balance. Called from the Clippings integration's `astro:build:done` hook.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { checkLedger, formatLedger, type BuildLedger } from '../outputs/ledger.ts';
import type { LoaderLedger } from '../loader/loader-report.ts';

/** What the ledger check needs from the build. */
export interface LedgerCheckOptions {
	/** The build's output folder (`dir` of `astro:build:done`). */
	outDir: URL | string;
	/** What the articles loader reported (`clippings:articles-loaded`), or `undefined` when it reported nothing. */
	loaded: LoaderLedger | undefined;
	/** Stories in the search index, or `undefined` when the build wrote none. */
	searchRecords?: number;
	logger?: AstroIntegrationLogger;
}

/** The output file of an article page: `/2025/07/24/slug/` → `<outDir>/2025/07/24/slug/index.html`. */
export function getPageFile(outDir: string, articlePath: string): string {
	const segments = articlePath.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
	return path.join(outDir, ...segments, 'index.html');
}

/**
 * Prints the build's ledger and throws (failing the build) when files found, articles, pages written and
 * search records don't add up.
 */
export function verifyBuildLedger({ outDir, loaded: found, searchRecords, logger }: LedgerCheckOptions): BuildLedger {
	const folder = typeof outDir === 'string' ? outDir : fileURLToPath(outDir);
	if (!found) throw new Error('Clippings: the articles loader left no ledger, so the build cannot show that every article was published');
	const missingPages = found.paths.filter((articlePath) => !existsSync(getPageFile(folder, articlePath)));
	const ledger: BuildLedger = {
		found: found.found,
		articles: found.articles,
		drafts: found.drafts,
		...(found.elsewhere ? { elsewhere: found.elsewhere } : {}),
		ignored: found.ignored,
		repeats: found.repeats,
		pages: found.paths.length - missingPages.length,
		missingPages,
		searchRecords,
	};
	const summary = formatLedger(ledger);
	const problems = checkLedger(ledger);
	if (problems.length > 0) {
		throw new Error(`Clippings: the build ledger does not balance:\n  ${problems.join('\n  ')}\n${summary}`, { cause: ledger });
	}
	if (logger) logger.info(summary);
	else console.log(summary);
	return ledger;
}
