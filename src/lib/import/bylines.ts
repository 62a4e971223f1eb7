/** Words that credit a publisher rather than a person when they end a byline ("By A, Associated Press"). */
const SOURCE_WORDS =
	/\b(press|news|times|post|agency|service|wire|network|tribune|herald|journal|gazette|telegraph|guardian|courier|chronicle|examiner|observer|independent|mirror|express|daily|weekly|bulletin|record|review|standard|inquirer|register|dispatch|courant|ledger|monitor|reporter|sentinel|magazine|radio|television|tv|reuters?|bloomberg|afp|ap|upi|cnn|bbc|npr|staff)\b/i;

/** A byline header split into the people credited and the publisher named after them. */
export interface BylineCredit {
	bylines: string[];
	/** The publisher named last in the byline, when there is one. */
	source?: string;
}

/**
 * Reads a byline the way a copy desk writes it: `By A, B and C`, `By A and B, Reuters`, `BY A, REUTERS`.
 * The last comma-separated part is the source when it looks like a publisher (a single word such as `CNN`,
 * a known wire, or a name with Press/News/Times…) or equals `knownSource`; names written in capitals or in
 * lower case are given capitals the usual way.
 * @example parseBylineCredit('By Jennifer Hansler, Kylie Atwood, CNN') // { bylines: ['Jennifer Hansler', 'Kylie Atwood'], source: 'CNN' }
 */
export function parseBylineCredit(text: string, knownSource?: string): BylineCredit {
	const credit = text.trim().replace(/^by\b[:\s]*/i, '').replace(/[.;]+$/, '').trim();
	if (credit === '') return { bylines: [] };
	const parts = credit.split(/\s*,\s*/).filter(Boolean);
	let source: string | undefined;
	if (parts.length > 1 && isPublisher(parts.at(-1)!, knownSource)) source = parts.pop();
	const bylines = splitNames(parts.join(', '));
	return source === undefined ? { bylines } : { bylines, source: normaliseSourceName(source) };
}

/**
 * Splits a list of people into names: commas, `and`, `&`; a trailing credit such as `, for the Go team` is
 * dropped, and names typed in capitals or lower case get conventional capitals.
 * @example splitNames('STEPHEN JUKES AND PHILIP SHEHADI') // ['Stephen Jukes', 'Philip Shehadi']
 */
export function splitNames(text: string): string[] {
	return text
		.replace(/,?\s+for\s+(the\s+)?[\p{L} ]+$/iu, '')
		.split(/\s*(?:,\s*and\s+|,|\band\b|&)\s*/i)
		.map((name) => normalisePersonName(name.trim().replace(/^by\s+/i, '')))
		.filter((name) => name !== '');
}

/**
 * Gives a name typed all in capitals or all in lower case its usual capitals; mixed case is kept as written.
 * @example normalisePersonName("TED D'AFFLISIO") // "Ted D'Afflisio"
 */
export function normalisePersonName(name: string): string {
	const clean = name.replace(/\s+/g, ' ').trim();
	if (clean !== clean.toUpperCase() && clean !== clean.toLowerCase()) return clean;
	if (!/\p{L}{2}/u.test(clean) || /\d/.test(clean)) return clean;
	return clean
		.toLowerCase()
		.replace(/(^|[\s'’-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
		.replace(/\bMc(\p{L})/gu, (_, letter: string) => `Mc${letter.toUpperCase()}`);
}

/** A publisher's name as written, except that an all-capitals word longer than an acronym gets usual capitals (`REUTERS` → `Reuters`). */
export function normaliseSourceName(name: string): string {
	const clean = name.replace(/\s+/g, ' ').trim();
	return clean.replace(/\p{Lu}{5,}/gu, (word) => word[0] + word.slice(1).toLowerCase());
}

function isPublisher(part: string, knownSource?: string): boolean {
	if (knownSource && sameSource(part, knownSource)) return true;
	return !/\s/.test(part.trim()) || SOURCE_WORDS.test(part);
}

/**
 * Whether two spellings name the same publisher: equal ignoring case, or, for names of five letters or
 * more, one letter apart (`Reuter` and `Reuters`, as the agency signed its copy in the 1980s; a typed `Reutersd`).
 */
export function sameSource(a: string, b: string): boolean {
	const x = a.trim().toLowerCase();
	const y = b.trim().toLowerCase();
	return x === y || (Math.min(x.length, y.length) >= 5 && isOneEditApart(x, y));
}

function isOneEditApart(a: string, b: string): boolean {
	if (Math.abs(a.length - b.length) > 1) return false;
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
	return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
