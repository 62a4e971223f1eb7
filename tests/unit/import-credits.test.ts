import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createArticleFile } from '../../src/tooling/import/article-file.ts';
import { KNOWN_WIRES, parseBylineCredit } from '../../src/tooling/import/bylines.ts';
import { parseDateline } from '../../src/tooling/import/dateline.ts';
import { readWireText } from '../../src/tooling/import/raw-text.ts';

const context = { file: 'story.txt', timeZone: 'UTC' };
const LEDE = 'The ministry said on Tuesday that talks would resume next week.\n\nA second paragraph follows.';

/** Words that would make a generated person's name read as a publisher or a list. */
const NOT_A_NAME = /^(?:and|for|by|the|press|news|times|post|agency|service|wire|network|tribune|herald|journal|gazette|telegraph|guardian|courier|chronicle|examiner|observer|independent|mirror|express|daily|weekly|bulletin|record|review|standard|inquirer|register|dispatch|courant|ledger|monitor|reporter|sentinel|magazine|radio|television|tv|reuters?|bloomberg|afp|ap|upi|cnn|bbc|npr|staff)$/i;
const word = fc.stringMatching(/^[A-Z][a-z]{2,9}$/).filter((text) => !NOT_A_NAME.test(text));
const person = fc.tuple(word, word).map(([first, last]) => `${first} ${last}`);
const people = fc.uniqueArray(person, { minLength: 1, maxLength: 4 });
const by = fc.constantFrom('by', 'By', 'BY');
/** A publisher with a two-word name that a rule on its words could not tell from a person: only its place in the credit can. */
const publisher = fc.oneof(fc.constantFrom(...KNOWN_WIRES), fc.tuple(word, word).map(([a, b]) => `${a} ${b}`));

/** `A`, `A and B`, `A, B and C`: how a desk lists people. */
function listPeople(names: readonly string[]): string {
	return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

describe('credits in a raw-text header, read as an editor reads them', () => {
	test('the issue’s examples: a lower-case "by" with a two-word publisher, and a wire alone', () => {
		const jazeera = readWireText(` date 2024-02-07 by Ali Hassan, Al Jazeera\n\n${LEDE}`, context);
		expect(jazeera).toMatchObject({ ok: true, draft: { bylines: ['Ali Hassan'], source: 'Al Jazeera' } });
		const afp = readWireText(` date 2024-02-06 By AFP\n\n${LEDE}`, context);
		expect(afp).toMatchObject({ ok: true, draft: { bylines: [], source: 'AFP' } });
		if (afp.ok) expect(createArticleFile(afp.draft, { timeZone: 'UTC' })).toMatchObject({ ok: true });
	});

	test.each([
		['By AP', 'AP'],
		['BY REUTERS', 'Reuters'],
		['by dpa', 'dpa'],
		['By Xinhua', 'Xinhua'],
		['By A.P.', 'A.P.'],
		['By The Associated Press', 'The Associated Press'],
	])('"%s" alone is the source %j with no byline', (credit, source) => {
		expect(parseBylineCredit(credit)).toEqual({ bylines: [], source });
	});

	test('a wire the list does not know is a source once it is named with --wire', () => {
		expect(parseBylineCredit('By Agência Brasil')).toEqual({ bylines: ['Agência Brasil'] });
		expect(parseBylineCredit('By Agência Brasil', undefined, ['Agência Brasil'])).toEqual({ bylines: [], source: 'Agência Brasil' });
	});

	test('a lone person’s name stays a byline', () => {
		expect(parseBylineCredit('By Peter Torday')).toEqual({ bylines: ['Peter Torday'] });
	});

	test('people then a publisher: every person is a byline, the last credit is the source and never also a byline, whatever the case of "by"', () => {
		fc.assert(
			fc.property(by, people, publisher, (byWord, names, source) => {
				const result = readWireText(` date 2024-02-07 ${byWord} ${listPeople(names)}, ${source}\n\n${LEDE}`, context);
				if (!result.ok) throw new Error(result.reason);
				expect(result.draft.bylines).toEqual(names);
				expect(result.draft.source?.toLowerCase()).toBe(source.toLowerCase());
				expect(result.draft.bylines.map((name) => name.toLowerCase())).not.toContain(source.toLowerCase());
			}),
		);
	});

	test('people without a publisher are all bylines, and the source falls back to --source', () => {
		fc.assert(
			fc.property(by, people, (byWord, names) => {
				const result = readWireText(` date 2024-02-07 ${byWord} ${listPeople(names)}\n\n${LEDE}`, { ...context, source: 'Fallback Wire' });
				expect(result).toMatchObject({ ok: true, draft: { bylines: names, source: 'Fallback Wire' } });
			}),
		);
	});

	test('a known wire alone, in any case of "by", is the source with no byline', () => {
		fc.assert(
			fc.property(by, fc.constantFrom(...KNOWN_WIRES), (byWord, wire) => {
				const result = readWireText(` date 2024-02-06 ${byWord} ${wire}\n\n${LEDE}`, context);
				if (!result.ok) throw new Error(result.reason);
				expect(result.draft.bylines).toEqual([]);
				expect(result.draft.source?.toLowerCase()).toBe(wire.toLowerCase());
			}),
		);
	});
});

const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const HEBREW = 'אבגדהוזחטיכלמנסעפצקרשת';
const letters = (alphabet: string) => fc.array(fc.constantFrom(...alphabet), { minLength: 3, maxLength: 8 }).map((chars) => chars.join(''));
/** Places as datelines print them, in several scripts: capitals where the script has them. */
const place = fc.oneof(
	fc.stringMatching(/^[A-Z]{3,10}(?: [A-Z]{3,8})?$/),
	fc.stringMatching(/^[А-Я]{3,10}$/),
	fc.stringMatching(/^[Α-ΡΣ-Ω]{3,10}$/),
	fc.array(letters(ARABIC), { minLength: 1, maxLength: 2 }).map((words) => words.join(' ')),
	letters(HEBREW),
);
/** A single hyphen marks a dateline only after a credit or in a script without capitals (`الرياض -`); in capitals it could be an acronym's aside. */
const dash = fc.constantFrom('—', '–', '--');
const credit = fc.option(fc.constantFrom('dpa', 'AFP', 'Reuters', 'رويترز'), { nil: undefined });
const sentence = fc.array(fc.stringMatching(/^[a-z]{2,9}$/), { minLength: 6, maxLength: 30 }).map((words) => `${words.join(' ')}.`);

describe('datelines in any script', () => {
	test.each([
		['الرياض — قال مسؤولون سعوديون يوم الأربعاء إن المحادثات ستستأنف.', 'الرياض', undefined],
		['القاهرة (رويترز) - قال مسؤولون إن المحادثات ستستأنف.', 'القاهرة', 'رويترز'],
		['الرياض - قال مسؤولون سعوديون.', 'الرياض', undefined],
		['BERLIN (dpa) – Die Bundesregierung hat am Mittwoch beschlossen.', 'BERLIN', 'dpa'],
		['BERLIN (dpa) - Die Bundesregierung hat am Mittwoch beschlossen.', 'BERLIN', 'dpa'],
		['МОСКВА — Правительство объявило о новых мерах.', 'МОСКВА', undefined],
		['ירושלים — הממשלה הודיעה היום על צעדים חדשים.', 'ירושלים', undefined],
	])('%j has the dateline %j', (lede, expectedPlace, expectedCredit) => {
		const { place: found, credit: foundCredit } = parseDateline(lede);
		expect(found).toBe(expectedPlace);
		expect(foundCredit).toBe(expectedCredit);
	});

	test('an Arabic lede’s dateline stays out of the headline written from it, and in the body', () => {
		const lede = 'الرياض — قال مسؤولون سعوديون يوم الأربعاء إن المحادثات ستستأنف الأسبوع المقبل.';
		const result = readWireText(` date 2024-02-07 By Ali Hassan, Al Jazeera\n\n${lede}`, context);
		if (!result.ok) throw new Error(result.reason);
		expect(result.draft.dateline).toBe('الرياض');
		expect(result.draft.title).not.toContain('الرياض');
		expect(result.draft.title!.startsWith('قال مسؤولون')).toBe(true);
		expect(result.draft.body.startsWith('الرياض — ')).toBe(true);
	});

	test('a generated dateline, in any script, with or without a wire credit, is the dateline and never part of the headline', () => {
		fc.assert(
			fc.property(place, credit, dash, sentence, (where, wire, mark, text) => {
				const opening = `${where}${wire ? ` (${wire})` : ''} ${mark} `;
				const result = readWireText(` date 2024-02-07 By Ann Lee, CNN\n\n${opening}${text}`, context);
				if (!result.ok) throw new Error(result.reason);
				expect(result.draft.dateline).toBe(where);
				expect(result.draft.title).not.toContain(where);
				expect(result.draft.body.startsWith(where)).toBe(true);
			}),
		);
	});

	test.each(['The company said - in a statement - that it would', 'US officials — speaking privately', 'قال المسؤولون في الوزارة اليوم إن — شيئا'])('%j has no dateline', (lede) => {
		expect(parseDateline(lede)).toEqual({ rest: lede });
	});
});
