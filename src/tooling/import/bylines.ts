/** Words that credit a publisher rather than a person when they end a byline ("By A, Associated Press"). */
const SOURCE_WORDS =
	/\b(press|news|times|post|agency|service|wire|network|tribune|herald|journal|gazette|telegraph|guardian|courier|chronicle|examiner|observer|independent|mirror|express|daily|weekly|bulletin|record|review|standard|inquirer|register|dispatch|courant|ledger|monitor|reporter|sentinel|magazine|radio|television|tv|reuters?|bloomberg|afp|ap|upi|cnn|bbc|npr|staff)\b/i;

/** Words that only a publisher's name holds, so a lone credit with one of them is never a person ("By Associated Press"). */
const INSTITUTION_WORDS = /\b(press|news|agency|agence|service|wire|network|newspaper|magazine|radio|television|broadcasting|presse|agentur|nachrichten)\b/i;

/**
 * Wires and publishers whose name alone, as the only credit, is the source and not a byline (`By AFP`).
 * A keeper adds others with the site's `wires` setting or `--wire NAME`.
 */
export const KNOWN_WIRES: readonly string[] = [
	'AFP', 'Agence France-Presse', 'AP', 'Associated Press', 'Reuters', 'Reuter', 'dpa', 'Deutsche Presse-Agentur',
	'Xinhua', 'Kyodo', 'Kyodo News', 'Jiji', 'Jiji Press', 'Yonhap', 'ANSA', 'EFE', 'UPI', 'United Press International',
	'Bloomberg', 'PA', 'PA Media', 'Press Association', 'AAP', 'Australian Associated Press', 'CP', 'Canadian Press',
	'The Canadian Press', 'TASS', 'Interfax', 'RIA Novosti', 'ANI', 'PTI', 'Press Trust of India', 'IANS', 'Anadolu',
	'Anadolu Agency', 'WAFA', 'SPA', 'WAM', 'KUNA', 'MENA', 'IRNA', 'Bernama', 'Antara', 'APA', 'Belga', 'ANP', 'TT', 'NTB',
	'Ritzau', 'STT', 'PAP', 'CTK', 'MTI', 'Lusa', 'AGI', 'Europa Press', 'CNN', 'BBC', 'BBC News', 'Al Jazeera', 'NPR', 'Dow Jones',
];

/** The words that tell a wire's name apart: case, periods and a leading "The" ignored (`A.P.` is `AP`). */
function wireKey(name: string): string {
	return name.trim().toLowerCase().replace(/\./g, '').replace(/^the\s+/, '').replace(/\s+/g, ' ');
}

const KNOWN_WIRE_KEYS = new Set(KNOWN_WIRES.map(wireKey));

/**
 * Whether a credit names a known wire or publisher: one of `KNOWN_WIRES`, one of `extraWires`, or the source
 * given with `--source`.
 * @example isKnownWire('A.P.') // true
 */
export function isKnownWire(name: string, extraWires: readonly string[] = [], knownSource?: string): boolean {
	const key = wireKey(name);
	if (key === '') return false;
	if (KNOWN_WIRE_KEYS.has(key) || extraWires.some((wire) => wireKey(wire) === key)) return true;
	return knownSource !== undefined && sameSource(name, knownSource);
}

/** A byline header split into the people credited and the publisher named after them. */
export interface BylineCredit {
	bylines: string[];
	/** The publisher named last in the byline, when there is one. */
	source?: string;
}

/**
 * Reads a byline the way a copy desk writes it: `By A, B and C`, `By A and B, Reuters`, `BY A, REUTERS`,
 * `by Ali Hassan, Al Jazeera`. `By`, `by` and `BY` alike. When the credit lists more than one part, the last
 * comma-separated part is the source — never also a byline — unless it is itself a list of people
 * (`By A, B and C`). A single credit that names a known wire or publisher (`By AFP`, `By Associated Press`,
 * `--source`, `--wire`) is the source, with no byline. Names written in capitals or lower case get capitals
 * the usual way.
 * @example parseBylineCredit('By Jennifer Hansler, Kylie Atwood, CNN') // { bylines: ['Jennifer Hansler', 'Kylie Atwood'], source: 'CNN' }
 * @example parseBylineCredit('By AFP') // { bylines: [], source: 'AFP' }
 */
export function parseBylineCredit(text: string, knownSource?: string, extraWires: readonly string[] = []): BylineCredit {
	// A closing period ends the line, except the one of an initial or abbreviation (`A.P.`, `Jr.`).
	const credit = text.trim().replace(/^by\b[:\s]*/i, '').replace(/(?<!\b\p{Lu}|\bJr|\bSr)[.;]+$/u, '').trim();
	if (credit === '') return { bylines: [] };
	const parts = credit.split(/\s*,\s*/).filter(Boolean);
	let source: string | undefined;
	if (parts.length === 1) {
		if (isKnownWire(parts[0]!, extraWires, knownSource) || (INSTITUTION_WORDS.test(parts[0]!) && !/\band\b|&/i.test(parts[0]!))) source = parts.pop();
	} else if (isSourcePart(parts.at(-1)!, knownSource, extraWires)) {
		source = parts.pop();
	}
	if (source === undefined) return { bylines: splitNames(parts.join(', ')) };
	const bylines = splitNames(parts.join(', ')).filter((name) => !sameSource(name, source));
	return { bylines, source: normaliseSourceName(source) };
}

/**
 * Whether the last part of a credit with several parts is its source: it is, by position, unless it is a list
 * of people (`B and C`) or a credit line (`for the Go team`) — and even then when it reads as a publisher.
 */
function isSourcePart(part: string, knownSource: string | undefined, extraWires: readonly string[]): boolean {
	if (isKnownWire(part, extraWires, knownSource) || isPublisher(part, knownSource)) return true;
	return !/\band\b|&|^for\s/i.test(part);
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
