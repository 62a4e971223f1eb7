/**
 * What a reader of one input file found, before it becomes an article: the fields of `ArticleSchema` that
 * the input gave (some may still be missing) and the body as Markdown.
 */
export interface ArticleDraft {
	title?: string | undefined;
	date?: string | undefined;
	bylines: string[];
	source?: string | undefined;
	updated?: string | undefined;
	dateline?: string | undefined;
	summary?: string | undefined;
	section?: string | undefined;
	tags: string[];
	lang?: string | undefined;
	url?: string | undefined;
	draft?: boolean | undefined;
	/** The lead photo: a file next to the article (`photos/…`), or a remote address kept on request. */
	image?: { src: string; alt: string; caption?: string | undefined; credit?: string | undefined } | undefined;
	/**
	 * Other headlines to try, in order, when `title` was written by the import (not found in the input) and
	 * names an address that a different article holds.
	 */
	alternativeTitles?: string[] | undefined;
	/** The story as Markdown, ready to be written after the front-matter. */
	body: string;
}

/** The input shapes the import tool recognises. */
export type InputShape = 'wire-text' | 'headline-first' | 'generator-markdown' | 'web-page' | 'wordpress-export' | 'rss-feed' | 'atom-feed';

/** The outcome of reading one input: a draft, or the reason it cannot become an article. */
export type ReadResult = { ok: true; shape: InputShape; draft: ArticleDraft } | { ok: false; shape?: InputShape; reason: string };
