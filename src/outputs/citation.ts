/**
 * "Cite this story": a story as an APA, MLA or Chicago reference, a BibTeX entry and an RIS record. Pure
 * functions of the facts a citation needs, so every style names the same authors, in the same order,
 * with the same date and addresses. The styles are English-language conventions and stay in English.
 *
 * Every style points at the archived copy (the canonical address on this site); a story that came from
 * elsewhere also gets its original address.
 */
import type { Story, StoryContext } from '../derived/story-context.ts';

/** What a citation says about a story. */
export interface CitationFacts {
	/** The headline, as published. */
	title: string;
	/** The people credited, in order; may be empty. */
	bylines: readonly string[];
	/** The publisher or wire service. */
	source: string;
	/** The publication day, in the archive's time zone: `2025`, `07`, `24`. */
	year: string;
	month: string;
	day: string;
	/** The story's absolute address in this archive. */
	canonicalUrl: string;
	/** Where the story was first published, when known. */
	originalUrl?: string | undefined;
	/** The archive's name, for "Archived in …". */
	archiveTitle: string;
	/** The story's language (BCP 47). */
	lang: string;
}

/** The citation styles shown on an article page, in order. */
export const CITATION_STYLES = ['APA', 'MLA', 'Chicago', 'BibTeX', 'RIS'] as const;

/** One citation style's name. */
export type CitationStyle = (typeof CITATION_STYLES)[number];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MLA_MONTHS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A credited name split into family and given names: the last word is the family name. */
interface PersonName {
	family: string;
	given: string;
}

/**
 * Splits a byline into given and family names. Bylines are free text, so the rule is simple and stated:
 * the last word is the family name ("Jennifer Hansler" → Hansler, Jennifer); one word is a family name alone.
 */
export function splitPersonName(name: string): PersonName {
	const words = name.trim().split(/\s+/);
	const family = words.pop() ?? '';
	return { family, given: words.join(' ') };
}

/** `Hansler, Jennifer`, or `Reuters` for a one-word name. */
function invertName(name: string): string {
	const { family, given } = splitPersonName(name);
	return given ? `${family}, ${given}` : family;
}

/** `Hansler, J.` — initials of every given name, hyphenated ones kept (`Jean-Luc` → `J.-L.`). */
function apaName(name: string): string {
	const { family, given } = splitPersonName(name);
	if (!given) return family;
	const initials = given
		.split(/\s+/)
		.map((part) => part.split('-').map((piece) => `${[...piece][0]?.toLocaleUpperCase() ?? ''}.`).join('-'))
		.join(' ');
	return `${family}, ${initials}`;
}

/** Adds a full stop unless the text already ends with one (or with ? or !). */
function withStop(text: string): string {
	return /[.?!]$/.test(text) ? text : `${text}.`;
}

function monthName(facts: CitationFacts): string {
	return MONTHS[Number(facts.month) - 1]!;
}

function originalClause(facts: CitationFacts): string {
	return facts.originalUrl ? ` Originally published at ${facts.originalUrl}.` : '';
}

/**
 * APA (7th edition), news article on a website: `Hansler, J., & Atwood, K. (2025, July 24). Headline. CNN. URL`.
 * Without bylines the headline takes the author's place.
 */
export function formatApa(facts: CitationFacts): string {
	const names = facts.bylines.map(apaName);
	const date = `(${facts.year}, ${monthName(facts)} ${Number(facts.day)})`;
	const authors =
		names.length === 0 ? ''
		: names.length === 1 ? names[0]!
		: names.length <= 20 ? `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`
		: `${names.slice(0, 19).join(', ')}, … ${names.at(-1)}`;
	const lead = authors ? `${withStop(authors)} ${date}. ${withStop(facts.title)}` : `${withStop(facts.title)} ${date}.`;
	return `${lead} ${withStop(facts.source)} ${facts.canonicalUrl}${originalClause(facts)}`;
}

/**
 * MLA (9th edition): `Hansler, Jennifer, and Kylie Atwood. "Headline." CNN, 24 July 2025, address.`
 * Three or more bylines become the first name and "et al."; addresses without `https://`.
 */
export function formatMla(facts: CitationFacts): string {
	const [first, second] = facts.bylines;
	const authors =
		first === undefined ? ''
		: facts.bylines.length === 1 ? invertName(first)
		: facts.bylines.length === 2 ? `${invertName(first)}, and ${second}`
		: `${invertName(first)}, et al`;
	const title = `“${withStop(facts.title)}”`;
	const bare = (url: string) => url.replace(/^https?:\/\//, '');
	const original = facts.originalUrl ? ` Originally published at ${bare(facts.originalUrl)}.` : '';
	const body = `${title} ${facts.source}, ${Number(facts.day)} ${MLA_MONTHS[Number(facts.month) - 1]} ${facts.year}, ${bare(facts.canonicalUrl)}.${original}`;
	return authors ? `${withStop(authors)} ${body}` : body;
}

/**
 * Chicago (17th edition), bibliography entry for a news article:
 * `Hansler, Jennifer, and Kylie Atwood. "Headline." CNN, July 24, 2025. URL.`
 */
export function formatChicago(facts: CitationFacts): string {
	const [first, ...rest] = facts.bylines;
	const authors =
		first === undefined ? ''
		: rest.length === 0 ? invertName(first)
		: rest.length === 1 ? `${invertName(first)}, and ${rest[0]}`
		: `${invertName(first)}, ${rest.slice(0, -1).join(', ')}, and ${rest.at(-1)}`;
	const body = `“${withStop(facts.title)}” ${facts.source}, ${monthName(facts)} ${Number(facts.day)}, ${facts.year}. ${facts.canonicalUrl}.${originalClause(facts)}`;
	return authors ? `${withStop(authors)} ${body}` : body;
}

/** Escapes text for a BibTeX field: the characters TeX treats as commands. */
function escapeBibtex(text: string): string {
	return text.replace(/[\\{}]/g, (character) => (character === '\\' ? '\\textbackslash{}' : `\\${character}`)).replace(/[&%$#_]/g, '\\$&').replace(/~/g, '\\textasciitilde{}').replace(/\^/g, '\\textasciicircum{}');
}

/** The ASCII letters of a word, lower-cased (`Zoë` → `zoe`), for citation keys. */
const LATIN_LETTERS: Record<string, string> = { ø: 'o', Ø: 'O', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'Th' };

function asciiWord(word: string): string {
	return word
		.replace(/[øØßæÆœŒłŁđĐþÞ]/g, (letter) => LATIN_LETTERS[letter]!)
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9]/g, '')
		.toLowerCase();
}

const KEY_STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'to', 'for', 'and', 'us']);

/**
 * A citation key: the first author's family name (or the source), the year and the first notable word of
 * the headline, ASCII only: `hansler2025recalls`.
 */
export function getCitationKey(facts: CitationFacts): string {
	const who = asciiWord(facts.bylines[0] ? splitPersonName(facts.bylines[0]).family : facts.source) || 'story';
	const word = facts.title.split(/\s+/).map(asciiWord).find((candidate) => candidate.length > 1 && !KEY_STOP_WORDS.has(candidate)) ?? '';
	return `${who}${facts.year}${word}`;
}

/**
 * A BibTeX entry (`@article`, readable by BibTeX and biblatex): authors as "Family, Given" joined by
 * "and", the headline braced so its capitals survive, the source as the journal.
 */
export function formatBibtex(facts: CitationFacts): string {
	const fields: [string, string][] = [];
	if (facts.bylines.length > 0) {
		fields.push(['author', facts.bylines.map((name) => escapeBibtex(splitPersonName(name).given ? invertName(name) : `{${name}}`)).join(' and ')]);
	}
	fields.push(['title', `{${escapeBibtex(facts.title)}}`]);
	fields.push(['journal', escapeBibtex(facts.source)]);
	fields.push(['year', facts.year]);
	fields.push(['month', BIBTEX_MONTHS[Number(facts.month) - 1]!]);
	fields.push(['date', `${facts.year}-${facts.month}-${facts.day}`]);
	fields.push(['url', facts.canonicalUrl]);
	if (facts.originalUrl) fields.push(['note', `Originally published at \\url{${facts.originalUrl}}`]);
	fields.push(['langid', facts.lang]);
	const body = fields.map(([name, value]) => (name === 'month' ? `  ${name} = ${value}` : `  ${name} = {${value}}`)).join(',\n');
	return `@article{${getCitationKey(facts)},\n${body}\n}\n`;
}

/**
 * An RIS record (`TY  - NEWS`), the format EndNote, Zotero and Mendeley import: one `AU` line per
 * byline, in order, lines ending in CR LF as the format asks.
 */
export function formatRis(facts: CitationFacts): string {
	const lines: [string, string][] = [
		['TY', 'NEWS'],
		...facts.bylines.map((name): [string, string] => ['AU', invertName(name)]),
		['TI', facts.title],
		['T2', facts.source],
		['PY', facts.year],
		['DA', `${facts.year}/${facts.month}/${facts.day}/`],
		['UR', facts.canonicalUrl],
		...(facts.originalUrl ? [['N1', `Originally published at ${facts.originalUrl}`] as [string, string]] : []),
		['DB', facts.archiveTitle],
		['LA', facts.lang],
		['ER', ''],
	];
	return `${lines.map(([tag, value]) => `${tag}  - ${value.replace(/[\r\n]+/g, ' ')}`).join('\r\n')}\r\n`;
}

/** A reference file a reader downloads from the page itself: a `data:` address and the file's name. */
export interface CitationDownload {
	href: string;
	fileName: string;
}

/**
 * The `.bib` and `.ris` downloads of a story, carried by the page's own links (`<a download>`), so the
 * archive writes no extra file per story (two more files per story doubled the build's work at scale).
 * @example getCitationDownloads(citations, 'us-recalls-team').bibtex.fileName // 'us-recalls-team.bib'
 */
export function getCitationDownloads(citations: Pick<Record<CitationStyle, string>, 'BibTeX' | 'RIS'>, name: string): { bibtex: CitationDownload; ris: CitationDownload } {
	const link = (type: string, text: string, extension: string) => ({ href: `data:${type};charset=utf-8,${encodeURIComponent(text)}`, fileName: `${name}.${extension}` });
	return { bibtex: link('application/x-bibtex', citations.BibTeX, 'bib'), ris: link('application/x-research-info-systems', citations.RIS, 'ris') };
}

/** Every style of a story, in `CITATION_STYLES` order. */
export function formatCitations(facts: CitationFacts): Record<CitationStyle, string> {
	return { APA: formatApa(facts), MLA: formatMla(facts), Chicago: formatChicago(facts), BibTeX: formatBibtex(facts), RIS: formatRis(facts) };
}

/** The facts of a published story, with its addresses from the archive's story context. */
export function getCitationFacts(story: Pick<Story, 'data'>, context: StoryContext): CitationFacts {
	const { data } = story;
	return {
		title: data.title,
		bylines: data.bylines,
		source: data.source,
		year: data.year,
		month: data.month,
		day: data.day,
		canonicalUrl: context.absoluteUrl(data.path),
		originalUrl: data.url,
		archiveTitle: context.siteTitle,
		lang: data.lang ?? context.lang,
	};
}
