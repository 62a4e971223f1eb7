import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findArticleFiles, indexArticles } from '../../model/article-index.ts';
import { parseArticle } from '../../model/parse-article.ts';
import { createArticleFile } from './article-file.ts';
import { titlesToTry } from './headline-fallback.ts';
import { createImportReport, type ImportReport, type ImportResult } from './import-report.ts';
import { removeFiles, writePhotos } from './images.ts';
import type { PreparedInput, PrepareSettings } from './prepare-input.ts';
import { prepareInputs } from './prepare-pool.ts';
import { getTextKey, sameText } from './text-identity.ts';
import { expandInputs, toDisplayPath } from './walk-inputs.ts';
import { chooseFileName, writeNewFile } from './write-new-file.ts';

export type { ImportReport, ImportResult, ImportStatus } from './import-report.ts';

/**
 * Settings of one import run: what every input is read with (`PrepareSettings`, less the sources the run
 * finds in the archive itself), and where and how the run writes.
 */
export interface ImportOptions extends Omit<PrepareSettings, 'knownSources'> {
	/** The project root; paths in results are relative to it. */
	root: string;
	/** The content folder (holding `articles/`), relative to the root or absolute. */
	content: string;
	/** Decide everything, write nothing. */
	dryRun?: boolean | undefined;
	/** Called after each input, for progress display. */
	onResult?: ((result: ImportResult, done: number, total: number) => void) | undefined;
}

/** An article already in the archive, for telling "already present" from "a different article at the same address". */
interface Holder {
	file: string;
	body: string;
}

/**
 * Imports files and folders into the archive's `articles/`: each input is written, recognised as already
 * present (an article with the same text exists, whatever its headline), or rejected with a reason. Writes are
 * atomic and never replace a file: a different article at an address already taken is rejected, and a file
 * name already in use by another article gets a `-2`, `-3`… suffix. Running the same import again writes nothing.
 */
export async function importArticles(inputs: readonly string[], options: ImportOptions): Promise<ImportReport> {
	const articlesDir = path.resolve(options.root, options.content, 'articles');
	const { files: existing } = await findArticleFiles(articlesDir, options.root);
	const sources = existing.map((file) => ({ file, source: readFileSync(path.join(options.root, file)) }));
	const index = indexArticles(sources, options.timeZone);
	const holders = new Map<string, Holder>();
	const texts = new Map<string, string>();
	for (const entry of index.articles) {
		const file = toDisplayPath(path.resolve(options.root, entry.file), options.root);
		holders.set(entry.id, { file, body: entry.article.body });
		texts.set(getTextKey(entry.article.body), file);
	}
	// Drafts claim no address, but their text is in the archive: importing the same draft again writes nothing.
	const drafts = new Set(index.drafts);
	for (const { file, source } of sources) {
		if (!drafts.has(file)) continue;
		const parsed = parseArticle(source, file);
		if (parsed.ok) texts.set(getTextKey(parsed.article.body), toDisplayPath(path.resolve(options.root, file), options.root));
	}
	const knownSources = [...new Set(index.articles.map((entry) => entry.article.data.source))];

	const { files, missing } = expandInputs(inputs, options.root);
	const results: ImportResult[] = [];
	const total = files.length + missing.length;
	const record = (result: ImportResult) => {
		results.push(result);
		options.onResult?.(result, results.length, Math.max(total, results.length));
	};
	for (const input of missing) record({ input, status: 'rejected', reason: 'no such file or folder' });

	const state: RunState = { ...options, knownSources, articlesDir, holders, texts, taken: new Set(), folders: new Set() };
	const items = files.map((file): [string, string] => [file, toDisplayPath(file, options.root)]);
	// What is left once the run's own options are taken out is what every input is read with: plain data, for the workers.
	const { root: _root, content: _content, dryRun: _dryRun, onResult: _onResult, ...settings } = options;
	for await (const prepared of prepareInputs(items, { ...settings, knownSources })) {
		record(settle(prepared, state));
	}

	return createImportReport(results, toDisplayPath(articlesDir, options.root), Boolean(options.dryRun));
}

interface RunState extends ImportOptions {
	knownSources: string[];
	articlesDir: string;
	holders: Map<string, Holder>;
	/** Every article's text (see `getTextKey`) → its file: a story whose headline an editor changed is still present. */
	texts: Map<string, string>;
	/** Files this run has written, so a name is never chosen twice. */
	taken: Set<string>;
	/** Folders known to exist, so each is created once. */
	folders: Set<string>;
}

/**
 * Decides what a prepared input becomes against the archive as it stands: already present (same address, same
 * text), rejected (same address, another text — unless the headline was the import's own and a longer one
 * frees it), or written under a free file name.
 */
function settle(prepared: PreparedInput, state: RunState): ImportResult {
	const { input } = prepared;
	const facts = { input, ...(prepared.shape ? { shape: prepared.shape } : {}), ...(prepared.encoding ? { encoding: prepared.encoding } : {}) };
	if (!prepared.ok) return { ...facts, status: prepared.skipped ? 'skipped' : 'rejected', reason: prepared.reason };

	const textKey = getTextKey(prepared.article.body);
	const sameStory = state.texts.get(textKey);
	if (sameStory) return { ...facts, status: 'present', file: sameStory, ...(prepared.leftOut.length > 0 ? { leftOut: prepared.leftOut } : {}) };

	let article = prepared.article;
	// A headline the import wrote itself may give way to a longer one when a different story holds its address.
	for (const title of titlesToTry(prepared.draft)) {
		const holder = state.holders.get(article.id);
		if (!holder || sameText(holder.body, article.body)) break;
		const retry = createArticleFile({ ...prepared.draft, title }, state);
		if (retry.ok) article = retry.file;
	}
	const base = { ...facts, address: article.path, ...(prepared.leftOut.length > 0 ? { leftOut: prepared.leftOut } : {}) };

	const holder = state.holders.get(article.id);
	if (holder) {
		if (sameText(holder.body, article.body)) return { ...base, status: 'present', file: holder.file };
		return {
			...base,
			status: 'rejected',
			file: holder.file,
			reason: `another article, ${holder.file}, already has the address ${article.path} (same headline and day) with a different text; change one headline to keep both`,
		};
	}

	const target = chooseFileName(path.join(state.articlesDir, article.name), state.taken);
	const relative = toDisplayPath(target, state.root);
	if (!state.dryRun) {
		let photos: string[] = [];
		try {
			photos = writePhotos(prepared.photos ?? [], path.dirname(target));
			writeNewFile(target, article.text, state.folders);
		} catch (error) {
			removeFiles(photos);
			return { ...base, status: 'rejected', reason: `could not be written to ${relative}: ${(error as Error).message}` };
		}
	}
	state.taken.add(target);
	state.holders.set(article.id, { file: relative, body: article.body });
	state.texts.set(textKey, relative);
	return { ...base, status: 'imported', file: relative };
}
