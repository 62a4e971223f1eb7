/** A headline longer than this reads as a sentence, not a headline. */
export const MAX_HEADLINE_LENGTH = 90;
const MIN_HEADLINE_LENGTH = 20;
/** The schema's limit on a headline. */
const MAX_TITLE_LENGTH = 400;
/** When no cut within the usual length keeps the verb, a longer clean headline beats a fragment. */
const LONG_HEADLINE_LENGTH = 120;
/** A cut of a better kind is kept over a longer cut of a worse kind when it is at least this long. */
const MIN_GOOD_LENGTH = 35;

/** Abbreviations after which a period does not end the sentence. */
const ABBREVIATIONS =
	/(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Mt|Jr|Sr|Inc|Corp|Co|Ltd|Bros|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|dlrs|mln|bln|pct|approx)|\b\p{Lu}|\b(?:\p{L}\.){1,3}\p{L})$/u;

/** Words a headline does not end on. */
const DANGLING = new Set(
	`a an the and or but nor of to in on at by for with from as into onto than that which who whom whose while if when
	where because its their his her our your this these those only just also even not is are was were be been being has
	have had will would can could may might should must do does did said says it they he she we`.split(/\s+/),
);

/** Words that open a clause a long lede can lose; the headline is cut just before one. */
const SUBORDINATORS = new Set(
	'which who that because after while when where as since although though despite following amid before until unless whereas including according but if whether'.split(' '),
);

/** Prepositions: a second choice of place to cut ("…a fatal political blow | by the yen's rise"). */
const PREPOSITIONS = new Set('about above across against among around at between by during for from in into on over through to toward towards under with within without'.split(' '));

/** Verbs a headline may end on: markets and prices rise, fall and close without an object. */
const STANDALONE_VERBS = new Set(
	'rose rise rises fell fall falls gained gains dropped drops climbed slipped eased firmed steadied recovered stalled resigned collapsed ended closed opened surged slumped soared plunged tumbled rallied advanced declined improved grew'.split(
		' ',
	),
);

/** Pronouns that start a reported clause whose "that" was left out. */
const SUBJECT_PRONOUNS = new Set('they he she we'.split(' '));

/** Words that open a clause which must have its own verb before the headline may end. */
const CLAUSE_WORDS = new Set('if that which who when while because although though unless whether'.split(' '));

/** Finite verbs and auxiliaries common in news ledes; with past-tense `-ed` words they show a clause has its verb. */
const VERBS = new Set(
	`is are was were be been am will would shall should can could may might must has have had do does did
	said says say rose rise rises fell fall falls took take takes made make makes gave give gives won win wins lost lose loses
	cut cuts set sets put puts began begin begins came come comes went go goes sold sell sells bought buy buys told tell tells
	held hold holds left leave leaves met meet meets paid pay pays saw see sees grew grow grows led lead leads kept keep keeps
	brought bring brings found find finds became become becomes hit hits ran run runs spent spend spends sent send sends
	struck strike strikes built build builds plans seeks expects wants agrees warns urges calls asks aims hopes fears rejects
	denies moves needs looks appears shows remains gains drops faces opens closes ends starts reports announces`.split(/\s+/),
);

/**
 * Writes a headline from a story's lede, for raw text that has none: the first sentence when it is short,
 * otherwise its opening cut where a headline writer would cut it — never mid-word, never before the verb,
 * never ending on "the" or "by". Stock tickers and bracketed acronyms are left out; the result starts with a
 * capital and has no closing period.
 * @example inferHeadline('Private investors eagerly snapped up shares of Consolidated Rail Corp, the biggest initial stock offering in U.S. history.') // 'Private investors eagerly snapped up shares of Consolidated Rail Corp'
 */
export function inferHeadline(lede: string): string {
	return inferHeadlines(lede)[0]!;
}

/**
 * The headline `inferHeadline` writes, then longer ones from the same lede (a longer cut, the whole first
 * sentence), for a story whose first choice names an address that a different story already holds
 * (two versions of one wire story, filed the same day).
 */
export function inferHeadlines(lede: string): string[] {
	const lean = lede
		.replace(/\s*(?:<|&lt;)[\p{Lu}\p{N}.]{1,10}>/gu, '') // stock tickers such as <CSRA.S>
		.replace(/(?:<|&lt;)([^<>&]*)>/g, '$1') // company names the wire marks as <Royal Trustco Ltd>
		.replace(/\s*\((?:\p{Lu}[\p{Lu}\p{N}.&/-]*\s?)+\)/gu, '') // acronyms such as (ADB), (IMF)
		.replace(/\s+/g, ' ')
		.trim();
	const sentence = firstSentence(lean);
	const lean2 = dropSubjectAside(sentence);
	const headline =
		[sentence, lean2].find((text) => text.length <= MAX_HEADLINE_LENGTH) ??
		cutSentence(lean2, MAX_HEADLINE_LENGTH) ??
		[sentence, lean2].find((text) => text.length <= LONG_HEADLINE_LENGTH) ??
		cutSentence(lean2, LONG_HEADLINE_LENGTH) ??
		labelHeadline(lean2);
	const longer = [cutSentence(lean2, LONG_HEADLINE_LENGTH), lean2, sentence].filter((text): text is string => text !== undefined && text.length <= MAX_TITLE_LENGTH);
	// A lede of bare punctuation keeps it: the headline must not come out empty.
	const finish = (text: string) => capitalise(balanceQuotes(text.replace(/[\s.,;:—–-]+$/u, '')).trim()) || text.slice(0, MAX_HEADLINE_LENGTH).trim();
	return [...new Set([headline, ...longer].map(finish))];
}

function firstSentence(text: string): string {
	const boundary = /[.!?]["”’)]*(?=\s+["“‘(]?[\p{Lu}\p{N}])/gu;
	for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
		const before = text.slice(0, match.index);
		if (match[0] === '.' && ABBREVIATIONS.test(before)) continue;
		return text.slice(0, match.index + match[0].length);
	}
	return text;
}

/**
 * Cuts a long sentence where a headline writer would: at the end of a clause (comma, dash), else before
 * "which", "when", "after"…, else before a preposition — the longest cut of the best kind that fits and
 * keeps its verb, so neither "An investor partnership" nor "…a fatal blow by the yen's" comes out.
 * Undefined when no such cut fits within `limit`.
 */
function cutSentence(sentence: string, limit: number): string | undefined {
	const words = sentence.split(' ');
	const best: (string | undefined)[] = [undefined, undefined, undefined];
	let length = 0;
	for (let index = 0; index < words.length - 1; index++) {
		const word = words[index]!;
		length += (index > 0 ? 1 : 0) + word.length;
		if (length > limit) break;
		if (length < MIN_HEADLINE_LENGTH || insideBrackets(words, index)) continue;
		const next = words[index + 1]!;
		const nextWord = next.toLowerCase().replace(/[^\p{L}]/gu, '');
		// "…and has made clear…" starts a new clause, as does a pronoun after an object ("told House leaders | they were…").
		const reportedClause = SUBJECT_PRONOUNS.has(nextWord) && !isVerb(word, index) && !PREPOSITIONS.has(word.toLowerCase());
		const joinsClause = ((nextWord === 'and' || nextWord === 'but') && isVerb(words[index + 2] ?? '', 1)) || reportedClause;
		const kind = /[,;:]$/.test(word) || /^(?:—|–|--?)$/.test(next) ? 0 : SUBORDINATORS.has(nextWord) || joinsClause ? 1 : PREPOSITIONS.has(nextWord) ? 2 : -1;
		if (kind < 0 || (kind > 0 && !reportedClause && endsMidReport(words, index))) continue;
		const candidate = trimDangling(words.slice(0, index + 1).join(' ')).split(' ');
		if (candidate.join(' ').length >= MIN_HEADLINE_LENGTH && isComplete(candidate)) best[kind] = candidate.join(' ');
	}
	return best.find((candidate) => candidate !== undefined && candidate.length >= MIN_GOOD_LENGTH) ?? best.find(Boolean);
}

/** No verb within reach: the longest phrase that ends before a preposition or clause word, as a label headline. */
function labelHeadline(sentence: string): string {
	const words = sentence.split(' ');
	let cut = '';
	let label = '';
	for (const [index, word] of words.entries()) {
		if (`${cut} ${word}`.trim().length > MAX_HEADLINE_LENGTH) break;
		cut = `${cut} ${word}`.trim();
		const nextWord = words[index + 1]?.toLowerCase().replace(/[^\p{L}]/gu, '') ?? '';
		const breaks = PREPOSITIONS.has(nextWord) || SUBORDINATORS.has(nextWord) || nextWord === 'of';
		const clause = cut.split(' ');
		if (breaks && !/['’]s$/.test(word) && !isVerb(word, index) && !DANGLING.has(word.toLowerCase()) && isComplete([...clause, 'x'].slice(0, -1), false)) label = cut;
	}
	return trimDangling(label.length >= MIN_HEADLINE_LENGTH ? label : cut || sentence.slice(0, MAX_HEADLINE_LENGTH));
}

/**
 * Whether a cut reads as a finished headline: it has its verb, does not stop on a verb that needs an object
 * ("appears", "have told") or a participle ("are increasingly looking"), and leaves no "if"/"that" clause
 * without its own verb ("…new services if business restrictions").
 */
function isComplete(words: string[], needsVerb = true): boolean {
	const last = words.at(-1)!.toLowerCase().replace(/[^\p{L}]/gu, '');
	if (isVerb(words.at(-1)!, 1) && !STANDALONE_VERBS.has(last)) return false;
	if (/ing$/.test(last) && /^(?:is|are|was|were|be|been|\p{L}+ly)$/u.test(words.at(-2)?.toLowerCase() ?? '')) return false;
	const lastClause = words.findLastIndex((word) => CLAUSE_WORDS.has(word.toLowerCase()));
	if (lastClause > 0 && !words.slice(lastClause + 1).some((word, position) => isVerb(word, position + 1))) return false;
	return !needsVerb || words.some((word, position) => isVerb(word, position));
}

/** A cut just after "said" or "says" leaves its report unfinished: "Hofmeister said tests". */
function endsMidReport(words: string[], index: number): boolean {
	return words.slice(Math.max(1, index - 2), index + 1).some((word) => /^(?:said|says|told|added)$/i.test(word));
}

/** `Bankers, concerned about curbs on secrecy, said…` → `Bankers said…`: an aside before the main verb. */
function dropSubjectAside(sentence: string): string {
	const match = /^([^,]{3,90}?), ([^,]{3,160}?), (\S+)/u.exec(sentence);
	if (!match) return sentence;
	const subject = match[1]!.split(' ');
	if (subject.some((word, index) => isVerb(word, index)) || !isVerb(match[3]!, 1)) return sentence;
	return `${match[1]} ${sentence.slice(match[1]!.length + match[2]!.length + 4)}`;
}

function isVerb(word: string, index: number): boolean {
	const bare = word.replace(/[^\p{L}'’]/gu, '');
	if (index > 0 && /^\p{Lu}/u.test(bare)) return false;
	const lower = bare.toLowerCase();
	return VERBS.has(lower) || (lower.length > 4 && /ed$/.test(lower) && !/(?:eed|ired)$/.test(lower));
}

function insideBrackets(words: string[], index: number): boolean {
	let depth = 0;
	let curly = 0;
	let straight = 0;
	for (const word of words.slice(0, index + 1)) {
		depth += count(word, '(') - count(word, ')');
		curly += count(word, '“') - count(word, '”');
		straight += count(word, '"');
	}
	return depth > 0 || curly > 0 || straight % 2 === 1;
}

function count(text: string, character: string): number {
	return text.split(character).length - 1;
}

function trimDangling(text: string): string {
	const words = text.replace(/[\s,;:]+$/, '').split(' ');
	while (words.length > 3 && DANGLING.has(words.at(-1)!.toLowerCase().replace(/[^\p{L}]/gu, ''))) words.pop();
	return words.join(' ').replace(/[\s,;:]+$/, '');
}

/** Closes a quotation or bracket the first sentence left open, so a headline never reads `Hamas "clearly shows`. */
function balanceQuotes(text: string): string {
	let result = text;
	if (count(result, '“') > count(result, '”')) result += '”';
	if (count(result, '(') > count(result, ')')) result += ')';
	if (count(result, '"') % 2 === 1) result += '"';
	return result;
}

function capitalise(text: string): string {
	return text.replace(/^(["“‘(]*)(\p{Ll})/u, (_, before: string, letter: string) => before + letter.toUpperCase());
}
