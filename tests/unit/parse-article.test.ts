import { describe, expect, test } from 'vitest';
import { formatProblem, parseArticle } from '../../src/model/parse-article.ts';

const VALID = `---
title: US recalls its negotiating team from Doha
date: '2025-07-24'
bylines: [Jennifer Hansler, Kylie Atwood]
source: CNN
dateline: DOHA
---
(CNN) — The United States is recalling its negotiating team.
`;

function problemsOf(source: string | Uint8Array) {
	const result = parseArticle(source, 'content/articles/x.md');
	if (result.ok) throw new Error('expected the article to be refused');
	return result.problems.map(formatProblem);
}

describe('parseArticle', () => {
	test('a valid article yields its front-matter with defaults and its body', () => {
		const result = parseArticle(VALID, 'content/articles/x.md');
		expect(result).toEqual({
			ok: true,
			article: {
				file: 'content/articles/x.md',
				data: {
					title: 'US recalls its negotiating team from Doha',
					date: '2025-07-24',
					bylines: ['Jennifer Hansler', 'Kylie Atwood'],
					source: 'CNN',
					dateline: 'DOHA',
					tags: [],
					corrections: [],
					draft: false,
				},
				body: '(CNN) — The United States is recalling its negotiating team.\n',
			},
		});
	});

	test('an unquoted YAML date stays the calendar day that was written', () => {
		const result = parseArticle(VALID.replace("'2025-07-24'", '2025-07-24'), 'x.md');
		expect(result.ok && result.article.data.date).toBe('2025-07-24');
	});

	test('BOM and CRLF line endings are accepted', () => {
		const result = parseArticle(`\uFEFF${VALID.replaceAll('\n', '\r\n')}`, 'x.md');
		expect(result.ok && result.article.data.title).toBe('US recalls its negotiating team from Doha');
		expect(result.ok && result.article.body).not.toContain('\r');
	});

	test('bytes that are not UTF-8 are refused by name instead of stored with replacement characters', () => {
		const bytes = new TextEncoder().encode(VALID.replace('Doha', 'Doha XX'));
		bytes[bytes.indexOf(0x58)] = 0xa3;
		expect(problemsOf(bytes)).toEqual([expect.stringMatching(/^content\/articles\/x\.md: the file is not valid UTF-8/)]);
	});

	test.each([
		[VALID.replace('title: US recalls its negotiating team from Doha\n', ''), 'content/articles/x.md: title: is missing'],
		[VALID.replace("date: '2025-07-24'", "date: '24/07/2025'"), 'content/articles/x.md: date: the publication date must look like 2025-07-24'],
		[VALID.replace('bylines: [Jennifer Hansler, Kylie Atwood]', 'bylines: Jennifer Hansler'), 'content/articles/x.md: bylines: expected a list of names'],
		[VALID.replace('bylines: [Jennifer Hansler, Kylie Atwood]', 'bylines: [Jennifer Hansler, ""]'), 'content/articles/x.md: bylines.1: a byline is empty'],
		[VALID.replace('source: CNN', 'source: CNN\nauthor: Someone'), 'content/articles/x.md: author: unknown field "author"; known fields are title, date, bylines'],
		[VALID.replace('source: CNN', 'source: CNN\nurl: javascript:alert(1)'), 'content/articles/x.md: url: url must be an http:// or https:// address'],
		[VALID.replace('source: CNN', 'source: CNN\ndraft: maybe'), 'content/articles/x.md: draft: draft must be true or false'],
	])('a schema error names the file, the field and what was expected (%#)', (source, message) => {
		expect(problemsOf(source)[0]).toContain(message);
	});

	test('every problem in a file is reported at once', () => {
		const problems = problemsOf('---\ntitle: ""\ndate: soon\n---\n');
		expect(problems.join('\n')).toMatch(/title[\s\S]*date[\s\S]*bylines[\s\S]*source[\s\S]*no text/);
	});

	test.each([
		['no front-matter at all', 'Just a story.\n', /does not start with front-matter/],
		['JavaScript front-matter', '---js\n{ title: "x" }\n---\nBody', /language "js" is not allowed/],
		['JavaScript front-matter in capitals', '---JavaScript\n{ title: "x" }\n---\nBody', /language "JavaScript" is not allowed/],
		['broken YAML', '---\ntitle: [unclosed\n---\nBody', /front-matter: /],
		['NUL characters', `${VALID}\u0000`, /NUL characters/],
		['an empty body', VALID.split('(CNN)')[0]!, /no text after its front-matter/],
	])('%s is refused with a clear message', (_name, source, message) => {
		expect(problemsOf(source).join('\n')).toMatch(message);
	});
});
