import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { findArticleFiles, indexArticles } from '../article-index.ts';
import { slugify } from '../slug.ts';
import { createArticleFile } from './article-file.ts';
import { removeFiles, writePhotos } from './images.ts';
import type { ArticleDraft, InputShape } from './draft.ts';
import type { TextEncodingName } from './encoding.ts';
import type { PreparedInput } from './prepare-input.ts';
import { prepareInputs } from './prepare-pool.ts';

/** What happened to one input file. */
export type ImportStatus = 'imported' | 'present' | 'rejected';

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

/** Settings of one import run. */
export interface ImportOptions {
	/** The project root; paths in results are relative to it. */
	root: string;
	/** The content folder (holding `articles/`), relative to the root or absolute. */
	content: string;
	timeZone: string;
	/** `--source NAME`. */
	source?: string | undefined;
	/** Decide everything, write nothing. */
	dryRun?: boolean | undefined;
	/** `--keep-remote-images`: link photos a saved page didn't keep, instead of leaving them out. */
	keepRemoteImages?: boolean | undefined;
	/** Called after each input, for progress display. */
	onResult?: ((result: ImportResult, done: number, total: number) => void) | undefined;
}

/** An import run's outcome, as the summary and `--report` show it. */
export interface ImportReport {
	dryRun: boolean;
	content: string;
	counts: Record<ImportStatus, number>;
	/** Rejection reasons with how many inputs each one stopped, most frequent first. */
	reasons: { reason: string; count: number; example: string }[];
	results: ImportResult[];
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
	const index = indexArticles(
		existing.map((file) => ({ file, source: readFileSync(path.join(options.root, file)) })),
		options.timeZone,
	);
	const holders = new Map<string, Holder>();
	const texts = new Map<string, string>();
	for (const entry of index.articles) {
		const file = toDisplayPath(path.resolve(options.root, entry.file), options.root);
		holders.set(entry.id, { file, body: entry.article.body });
		texts.set(getTextKey(entry.article.body), file);
	}
	const knownSources = [...new Set(index.articles.map((entry) => entry.article.data.source))];

	const { files, missing } = expandInputs(inputs, options.root);
	const results: ImportResult[] = [];
	const total = files.length + missing.length;
	const record = (result: ImportResult) => {
		results.push(result);
		options.onResult?.(result, results.length, total);
	};
	for (const input of missing) record({ input, status: 'rejected', reason: 'no such file or folder' });

	const state: RunState = { ...options, knownSources, articlesDir, holders, texts, taken: new Set(), folders: new Set() };
	const items = files.map((file): [string, string] => [file, toDisplayPath(file, options.root)]);
	for await (const prepared of prepareInputs(items, { timeZone: options.timeZone, source: options.source, knownSources, keepRemoteImages: options.keepRemoteImages })) {
		record(settle(prepared, state));
	}

	const counts: Record<ImportStatus, number> = { imported: 0, present: 0, rejected: 0 };
	for (const result of results) counts[result.status]++;
	return {
		dryRun: Boolean(options.dryRun),
		content: toDisplayPath(articlesDir, options.root),
		counts,
		reasons: groupReasons(results),
		results,
	};
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
	if (!prepared.ok) return { ...facts, status: 'rejected', reason: prepared.reason };

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

/**
 * Lists the files named by the inputs: files as given, folders recursively in name order. Hidden files and
 * folders (`.git`, `.DS_Store`) are not articles and are passed over.
 */
export function expandInputs(inputs: readonly string[], root: string): { files: string[]; missing: string[] } {
	const files: string[] = [];
	const missing: string[] = [];
	const seen = new Set<string>();
	const add = (file: string) => {
		if (!seen.has(file)) files.push(file);
		seen.add(file);
	};
	for (const input of inputs) {
		const absolute = path.resolve(root, input);
		let stats;
		try {
			stats = statSync(absolute);
		} catch {
			missing.push(input);
			continue;
		}
		if (!stats.isDirectory()) {
			add(absolute);
			continue;
		}
		const found: string[] = [];
		for (const entry of readdirSync(absolute, { recursive: true, withFileTypes: true })) {
			if (!entry.isFile()) continue;
			const full = path.join(entry.parentPath, entry.name);
			if (path.relative(absolute, full).split(path.sep).some((part) => part.startsWith('.'))) continue;
			found.push(full);
		}
		found.sort();
		found.forEach(add);
	}
	return { files, missing };
}

/** The first of `name.md`, `name-2.md`, `name-3.md`… that no file holds yet. */
function chooseFileName(target: string, taken: ReadonlySet<string>): string {
	const free = (name: string) => !taken.has(name) && !existsSync(name);
	if (free(target)) return target;
	const stem = target.replace(/\.md$/, '');
	for (let suffix = 2; ; suffix++) {
		const candidate = `${stem}-${suffix}.md`;
		if (free(candidate)) return candidate;
	}
}

/**
 * Writes a new file atomically without ever replacing one: the text goes to a hidden temporary file in the
 * same folder (the loader skips names starting with "."), which is then linked into place — a link fails
 * if the name was taken meanwhile — and removed.
 */
export function writeNewFile(target: string, text: string, folders?: Set<string>): void {
	const folder = path.dirname(target);
	if (!folders?.has(folder)) {
		mkdirSync(folder, { recursive: true });
		folders?.add(folder);
	}
	const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
	writeFileSync(temporary, text, { flag: 'wx' });
	try {
		linkSync(temporary, target);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM' && (error as NodeJS.ErrnoException).code !== 'ENOTSUP') {
			unlinkSync(temporary);
			throw error;
		}
		// File systems without hard links: rename, after checking that the name is still free.
		if (existsSync(target)) {
			unlinkSync(temporary);
			throw new Error(`${target} appeared while importing`);
		}
		renameSync(temporary, target);
		return;
	}
	unlinkSync(temporary);
}

/**
 * A story's text, reduced so that the same story reads the same however its Markdown escapes punctuation or
 * breaks lines: one key per story, whatever its headline, address or front-matter.
 */
export function getTextKey(body: string): string {
	const text = body.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\s+/g, ' ').trim();
	return createHash('sha256').update(text).digest('base64');
}

/** Two bodies hold the same story when they differ only in trailing white space. */
function sameText(a: string, b: string): boolean {
	const normalise = (body: string) => body.replace(/[ \t]+$/gm, '').trim();
	return normalise(a) === normalise(b);
}

/** Headlines to fall back on, for a headline the import inferred: longer ones, then numbered ones. */
function titlesToTry(draft: ArticleDraft): string[] {
	if (!draft.alternativeTitles) return [];
	return [...draft.alternativeTitles, ...[2, 3, 4, 5, 6, 7, 8, 9].map((number) => numberTitle(draft.title!, number))];
}

/** `Headline (2)`, shortened by whole words until the number survives into the address (slugs stop at 80 characters). */
function numberTitle(title: string, number: number): string {
	const words = title.split(' ');
	while (words.length > 1 && !slugify(`${words.join(' ')} (${number})`).endsWith(`-${number}`)) words.pop();
	return `${words.join(' ')} (${number})`;
}

function toDisplayPath(file: string, root: string): string {
	const relative = path.relative(root, file);
	return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/** Groups rejections by their reason, with details such as quoted values and template calls masked. */
export function groupReasons(results: readonly ImportResult[]): { reason: string; count: number; example: string }[] {
	const groups = new Map<string, { reason: string; count: number; example: string }>();
	for (const result of results) {
		if (result.status !== 'rejected' || !result.reason) continue;
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
