import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createArticleFile } from '../../src/tooling/import/article-file.ts';
import { parseBylineCredit } from '../../src/tooling/import/bylines.ts';
import { getDatelineField, parseDateline } from '../../src/tooling/import/dateline.ts';
import { decodeText } from '../../src/tooling/import/encoding.ts';
import { inferHeadline } from '../../src/tooling/import/headline.ts';
import { readHeadlineFirst, readWireText } from '../../src/tooling/import/raw-text.ts';
import { renderMarkdown } from '../../src/model/markdown.ts';
import { parseArticle } from '../../src/model/parse-article.ts';

const CORPORA = path.resolve(import.meta.dirname, '../../../shared/corpora');
const SEED = path.resolve(import.meta.dirname, '../../../shared/seeds/000_5519ea3ed3423e17.txt');
const context = { file: 'story.txt', timeZone: 'America/New_York' };

describe('reading the wire header', () => {
	test.each([
		['By Jennifer Hansler, Kylie Atwood, CNN', ['Jennifer Hansler', 'Kylie Atwood'], 'CNN'],
		['By Ann Lee and Bo Park', ['Ann Lee', 'Bo Park'], undefined],
		['By Ann Lee, Bo Park and Cy Diaz, Associated Press', ['Ann Lee', 'Bo Park', 'Cy Diaz'], 'Associated Press'],
		['By Peter Torday', ['Peter Torday'], undefined],
		["BY TED D'AFFLISIO, REUTERS", ["Ted D'Afflisio"], 'Reuters'],
		['By STEPHEN JUKES AND PHILIP SHEHADI, REUTERS', ['Stephen Jukes', 'Philip Shehadi'], 'Reuters'],
		['by keith grant, Reuters', ['Keith Grant'], 'Reuters'],
		['By Maggie McNeil, Reuter', ['Maggie McNeil'], 'Reuter'],
	])('"%s" credits %j, source %s', (credit, bylines, source) => {
		expect(parseBylineCredit(credit)).toEqual(source ? { bylines, source } : { bylines });
	});

	test('a last name that matches --source is read as the source even when it is two words', () => {
		expect(parseBylineCredit('By Ann Lee, Valley Courier', 'valley courier')).toEqual({ bylines: ['Ann Lee'], source: 'Valley Courier' });
	});

	test.each([
		[' date 2025-07-24 By Ann Lee, CNN', ['Ann Lee'], 'CNN'],
		[' date 2025-07-24 CNN', [], 'CNN'],
		[' date 2025-07-24', [], 'Fallback Wire'],
	])('header %j gives bylines %j and source %s', (header, bylines, source) => {
		const result = readWireText(`${header}\n\nThe council met on Tuesday.\n\nIt adjourned.`, { ...context, source: 'Fallback Wire' });
		expect(result).toMatchObject({ ok: true, draft: { bylines, source, date: '2025-07-24' } });
	});

	test('a header date that is not a real day is a reason, not a guess', () => {
		expect(readWireText(' date 2025-02-30 By A B, CNN\n\nText.', context)).toMatchObject({ ok: false, reason: /not a real day/ });
	});
});

describe('datelines', () => {
	test.each([
		['NEW YORK, March 26 - Private investors', { place: 'NEW YORK' }],
		['SANTOS, BRAZIL, MARCH 11 - With troops', { place: 'SANTOS, BRAZIL' }],
		['Caracas, march 13 - venezuela', { place: 'CARACAS' }],
		['MONTREAL, March 20, Reuter - The St. Lawrence', { place: 'MONTREAL', credit: 'Reuter' }],
		['DOHA, Qatar (CNN) — Talks', { place: 'DOHA, Qatar', credit: 'CNN' }],
		['WASHINGTON (AP) — The Senate', { place: 'WASHINGTON', credit: 'AP' }],
		['PORTHAVEN — The tunnel', { place: 'PORTHAVEN' }],
	])('%j has the dateline %j', (lede, expected) => {
		const { rest: _rest, ...dateline } = parseDateline(lede);
		expect(dateline).toEqual(expected);
	});

	test('"(CNN) —" credits CNN and names no place, so the credit is the dateline, as CNN prints it', () => {
		const lede = parseDateline('(CNN) — The United States is recalling');
		expect(lede).toEqual({ credit: 'CNN', rest: 'The United States is recalling' });
		expect(getDatelineField(lede)).toBe('CNN');
	});

	test.each([
		['NEW YORK, March 26 - Private investors', 'NEW YORK'],
		['MONTREAL, March 20, Reuter - Shares', 'MONTREAL'],
		['DOHA, Qatar (CNN) — Talks', 'DOHA, Qatar'],
		['The company said on Monday', undefined],
	])('the dateline field of %j is %j', (text, expected) => {
		expect(getDatelineField(parseDateline(text))).toBe(expected);
	});

	test.each(['The company said - in a statement - that it would', 'In 1987, March 3 - an odd sentence', 'US officials — speaking privately'])(
		'%j has no dateline',
		(lede) => expect(parseDateline(lede)).toEqual({ rest: lede }),
	);
});

describe('headlines written from the lede', () => {
	test('the user’s CNN story gets a clean headline and keeps every paragraph, the "(CNN) —" credit included', () => {
		const raw = readFileSync(SEED, 'utf8');
		const result = readWireText(raw, context);
		expect(result).toMatchObject({
			ok: true,
			draft: { title: 'The United States is recalling its negotiating team from Doha', date: '2025-07-24', bylines: ['Jennifer Hansler', 'Kylie Atwood'], source: 'CNN' },
		});
		if (result.ok) {
			expect(result.draft.dateline).toBe('CNN');
			expect(result.draft.body.startsWith('(CNN) — The United States is recalling')).toBe(true);
		}
	});

	test.each([
		['Sterling made a sharp recovery when U.K. Chancellor Nigel Lawson said he would not cut rates, dealers said.', 'Sterling made a sharp recovery'],
		['Prime Minister Yasuhiro Nakasone may have been dealt a fatal political blow by the yen\'s rise against the dollar, analysts said.', 'Prime Minister Yasuhiro Nakasone may have been dealt a fatal political blow'],
		['Bankers, concerned about official calls for curbs on banking secrecy, are likely to propose a compromise plan when they meet regulators today.', 'Bankers are likely to propose a compromise plan when they meet regulators today'],
		['CSR Ltd <CSRA.S> intends to proceed with its planned bid.', 'CSR Ltd intends to proceed with its planned bid'],
		['the Asian Development Bank (ADB) will not change its decision.', 'The Asian Development Bank will not change its decision'],
		['Mr. Smith went to Washington. He stayed.', 'Mr. Smith went to Washington'],
	])('%j → %j', (lede, headline) => {
		expect(inferHeadline(lede)).toBe(headline);
	});

	test('a headline never stops on a dangling word, a cut word or an open quotation mark', () => {
		const dir = path.join(CORPORA, 'reuters-seed-format');
		for (const file of readdirSync(dir).filter((name) => name.endsWith('.txt'))) {
			const result = readWireText(readFileSync(path.join(dir, file), 'utf8'), { ...context, file });
			if (!result.ok) throw new Error(`${file}: ${result.reason}`);
			const title = result.draft.title!;
			expect(title, file).toMatch(/^["“(\p{Lu}\p{N}]/u);
			expect(title, file).not.toMatch(/\s(?:the|a|an|of|and|or|to|by|in|on|for|with)$|[,;:.—-]$/i);
			expect(title.length, file).toBeLessThanOrEqual(120);
			expect((title.match(/"/g) ?? []).length % 2, file).toBe(0);
		}
	});
});

describe('the Reuters corpus in the seed format', () => {
	const dir = path.join(CORPORA, 'reuters-seed-format');
	const rows = readFileSync(path.join(dir, 'index.tsv'), 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => {
			const [id, date, author, title, dateline, topics, file] = line.split('\t');
			return { id, date, author, title, dateline, topics, file: file! };
		});

	test('lists 875 stories', () => expect(rows).toHaveLength(875));

	test('every story reads with the date, bylines and dateline its index gives', () => {
		for (const row of rows) {
			const result = readWireText(readFileSync(path.join(dir, row.file), 'utf8'), { ...context, file: row.file, source: 'Reuters' });
			if (!result.ok) throw new Error(`${row.file}: ${result.reason}`);
			const { draft } = result;
			expect(draft.date, row.file).toBe(row.date);
			// The index keeps the byline as the wire printed it: "By A and B, Reuters".
			const names = row
				.author!.replace(/^by\s+/i, '')
				.split(/\s*,\s*/)
				.filter((part) => !/^reuter/i.test(part))
				.flatMap((part) => part.split(/\s+and\s+/i));
			expect(draft.bylines.map((name) => name.toLowerCase()), row.file).toEqual(names.map((name) => name.toLowerCase()));
			const place = /^(.*?),\s+[A-Za-z]+\.?\s+\d/.exec(row.dateline!)?.[1];
			if (place) expect(draft.dateline?.toUpperCase(), row.file).toBe(place.toUpperCase());
		}
	});

	test('every story becomes a file that parseArticle accepts, its source spelt as --source spells it', () => {
		for (const row of rows) {
			const result = readWireText(readFileSync(path.join(dir, row.file), 'utf8'), { ...context, file: row.file });
			if (!result.ok) throw new Error(`${row.file}: ${result.reason}`);
			const built = createArticleFile(result.draft, { timeZone: 'America/New_York', source: 'Reuters' });
			if (!built.ok) throw new Error(`${row.file}: ${built.reason}`);
			const parsed = parseArticle(built.file.text, row.file);
			expect(parsed.ok && parsed.article.data.source, row.file).toBe('Reuters');
		}
	});
});

describe('headline-first text', () => {
	test('takes the headline, the byline line and the date line, and keeps the story', () => {
		const text = 'Council keeps library open\n\nBy Ruth Okafor, Valley Courier | November 2, 2023\n\nMILLBROOK, Ohio — Residents voted 212 to 9.\n\nThe clerk said *nothing*.';
		expect(readHeadlineFirst(text, context)).toMatchObject({
			ok: true,
			draft: {
				title: 'Council keeps library open',
				date: '2023-11-02',
				bylines: ['Ruth Okafor'],
				source: 'Valley Courier',
				dateline: 'MILLBROOK, Ohio',
				body: 'MILLBROOK, Ohio — Residents voted 212 to 9.\n\nThe clerk said \\*nothing\\*.\n',
			},
		});
	});

	test('finds the date in the file name when the text has none', () => {
		const result = readHeadlineFirst('Clock restored\n\nThe clock struck noon.', { ...context, file: 'archive/2021-08-09-clock.txt' });
		expect(result).toMatchObject({ ok: true, draft: { date: '2021-08-09', bylines: [] } });
	});

	test('a Markdown body without front-matter is kept as Markdown', () => {
		const result = readHeadlineFirst('# Clock restored\n\nThe clock *struck* noon.', { ...context, markdownBody: true });
		expect(result).toMatchObject({ ok: true, draft: { title: 'Clock restored', body: 'The clock *struck* noon.\n' } });
	});
});

/** Plain text of a paragraph as a reader sees it: runs of white space are one space. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('nothing a raw article says is lost', () => {
	const word = fc.oneof(
		fc.stringMatching(/^[A-Za-z0-9éü中“”‘’"'*_<>[\]()#!`~&|+=.,:;\\/@$%^{}-]{1,12}$/),
		fc.constantFrom('<!--', '-->', '&#65;', '&amp;', '<jane@example.org>', '<http://x.org>', 'www.x.org', '~~x~~', '[^1]', '![x](y)', '***', '---', '1.', '#', '```', '<br>', '<script>', '\\', '$$'),
	);
	const paragraph = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => words.join(' '));

	test('the rendered page contains every paragraph of the input, in order', () => {
		fc.assert(
			fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), fc.boolean(), (paragraphs, crlf) => {
				const raw = ` date 2024-02-29 By Ann Lee, CNN\n\n${paragraphs.join('\n\n')}\n`;
				// Windows line ends arrive through the decoder, as they do in a real import.
				const decoded = decodeText(Buffer.from(crlf ? raw.replace(/\n/g, '\r\n') : raw));
				if (!decoded.ok) throw new Error(decoded.reason);
				const read = readWireText(decoded.text, context);
				if (!read.ok) throw new Error(read.reason);
				const built = createArticleFile(read.draft, { timeZone: 'UTC' });
				if (!built.ok) throw new Error(built.reason);
				const parsed = parseArticle(built.file.text, 'a.md');
				if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('; '));
				const page = squash(`${parsed.article.data.title}\n\n${renderMarkdown(parsed.article.body).text}`);
				let from = 0;
				for (const expected of paragraphs.map(squash)) {
					const at = page.indexOf(expected, from);
					expect(at, `"${expected}" in "${page}"`).toBeGreaterThanOrEqual(0);
					from = at + expected.length;
				}
			}),
			{ numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
		);
	});

	test('the same holds for every story of the Reuters corpus', () => {
		const dir = path.join(CORPORA, 'reuters-seed-format');
		for (const file of readdirSync(dir).filter((name) => name.endsWith('.txt'))) {
			const raw = readFileSync(path.join(dir, file), 'utf8');
			const read = readWireText(raw, { ...context, file });
			if (!read.ok) throw new Error(read.reason);
			const text = squash(renderMarkdown(read.draft.body).text);
			let from = 0;
			for (const expected of raw.split('\n\n').slice(1).map(squash).filter(Boolean)) {
				const at = text.indexOf(expected, from);
				expect(at, `${file}: "${expected}"`).toBeGreaterThanOrEqual(0);
				from = at + expected.length;
			}
		}
	});
});
