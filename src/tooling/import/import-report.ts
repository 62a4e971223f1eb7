import type { InputShape } from './draft.ts';
import type { TextEncodingName } from './encoding.ts';
import { NO_DATE_REASON } from './article-file.ts';

/**
 * What happened to one input file, or one item of an export or feed: `skipped` is an item that is not a post
 * (a WordPress page, attachment, menu item…), passed over with its reason.
 */
export type ImportStatus = 'imported' | 'present' | 'rejected' | 'skipped';

/** One line of the import report. */
export interface ImportResult {
	/** The input file, as given or found under a given folder. */
	input: string;
	status: ImportStatus;
	shape?: InputShape;
	encoding?: TextEncodingName;
	/** The article file written (or, when present, the one already holding this article), relative to the project root. */
	file?: string;
	/** The address the article has on the site. */
	address?: string;
	/** Why the input was rejected. */
	reason?: string;
	/** Front-matter keys and values of the input that have no place in the archive. */
	leftOut?: string[];
}

/** An import run's outcome, as the summary and `--report` show it. */
export interface ImportReport {
	dryRun: boolean;
	content: string;
	/** How many inputs had each outcome; `skipped` is there only when an export or feed held items that are not posts. */
	counts: { imported: number; present: number; rejected: number; skipped?: number };
	/** Rejection reasons with how many inputs each one stopped, most frequent first. */
	reasons: { reason: string; count: number; example: string }[];
	/** Why items were passed over, with how many each, when any were. */
	skippedReasons?: { reason: string; count: number; example: string }[];
	/** Inputs rejected because no date was found in their text, front-matter or path. */
	undated: number;
	results: ImportResult[];
}

/**
 * Sums up an import run's results as the summary and `--report` show them: counts by outcome, rejections (and
 * skipped items) grouped by reason, and how many inputs had no date anywhere.
 */
export function createImportReport(results: ImportResult[], content: string, dryRun: boolean): ImportReport {
	const counts: ImportReport['counts'] = { imported: 0, present: 0, rejected: 0 };
	for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
	return {
		dryRun,
		content,
		counts,
		reasons: groupReasons(results),
		...(counts.skipped ? { skippedReasons: groupReasons(results, 'skipped') } : {}),
		undated: results.filter((result) => result.reason === NO_DATE_REASON).length,
		results,
	};
}

/** Groups rejections (or skipped items) by their reason, with details such as quoted values and template calls masked. */
export function groupReasons(results: readonly ImportResult[], status: 'rejected' | 'skipped' = 'rejected'): { reason: string; count: number; example: string }[] {
	const groups = new Map<string, { reason: string; count: number; example: string }>();
	for (const result of results) {
		if (result.status !== status || !result.reason) continue;
		const key = result.reason
			.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, '{…}')
			.replace(/"[^"]*"/g, '"…"')
			.replace(/\([^()]*\)/g, '(…)')
			.replace(/(?:[\w.-]+\/)+[\w.-]+\.md/g, '…')
			.replace(/\/\d{4}\/\d{2}\/\d{2}\/[^/\s]+\//g, '/…/')
			.replace(/0x[0-9a-f]+|\b\d+\b/g, 'N');
		const group = groups.get(key) ?? { reason: key, count: 0, example: result.input };
		group.count++;
		groups.set(key, group);
	}
	return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
