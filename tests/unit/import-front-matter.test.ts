import { normaliseSourceName } from '../../src/tooling/import/bylines.ts';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createArticleFile } from '../../src/tooling/import/article-file.ts';
import type { ArticleDraft } from '../../src/tooling/import/draft.ts';
import { parseArticle } from '../../src/model/parse-article.ts';

/** Text a field may hold: any characters but control characters, trimmed, not empty — YAML's troublemakers included. */
const fieldText = fc
	.oneof(
		fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
		fc.constantFrom('yes', 'no', 'null', '~', 'true', '123', '0x1F', '1e3', '2025-07-24', '- dash', '#hash', '"quoted"', "it's", 'a: b', '[list]', '{map}', '*alias', '&anchor', '!tag', '| block', '> folded', '%directive', '@at', '`tick`', '---', '...', 'الرياض', '北京'),
	)
	.map((text) => text.trim())
	.filter((text) => text !== '' && !/[\u0000-\u001f\u007f]/.test(text));

const draft = fc.record({
	title: fieldText,
	bylines: fc.array(fieldText, { maxLength: 4 }),
	source: fieldText,
	dateline: fc.option(fieldText, { nil: undefined }),
	summary: fc.option(fieldText, { nil: undefined }),
	section: fc.option(fieldText, { nil: undefined }),
	tags: fc.uniqueArray(fieldText, { maxLength: 4 }),
	date: fc.constantFrom('2025-07-24', '1987-03-26T10:00:00+02:00', '2024-03-12T10:00:00', '2024-02-03T09:15:00Z'),
	draft: fc.option(fc.constant(true), { nil: undefined }),
});

describe('front-matter written by the import', () => {
	test('is written with js-yaml as the site reads it: dates and YAML words quoted, one line per value', () => {
		const built = createArticleFile(
			{ title: 'Draft: council pay rise', date: '2025-07-24', bylines: ['yes', "Tom O'Brien"], source: 'CNN', tags: ['#hash'], url: 'https://example.org/?p=1', body: 'Text.' },
			{ timeZone: 'UTC' },
		);
		if (!built.ok) throw new Error(built.reason);
		expect(built.file.text).toBe(
			"---\ntitle: 'Draft: council pay rise'\ndate: '2025-07-24'\nbylines:\n  - 'yes'\n  - Tom O'Brien\nsource: CNN\ntags:\n  - '#hash'\nurl: https://example.org/?p=1\n---\nText.\n",
		);
	});

	test('parses back with parseArticle() to exactly the fields and body that were written, whatever the text', () => {
		fc.assert(
			fc.property(draft, fc.string({ minLength: 1, maxLength: 200 }), (fields, text) => {
				const body = `${text.replace(/[\u0000-\u001f<>]/g, ' ').trim() || 'Text'}\n`;
				const input: ArticleDraft = { ...fields, body };
				const built = createArticleFile(input, { timeZone: 'UTC' });
				if (!built.ok) throw new Error(built.reason);
				const parsed = parseArticle(built.file.text, 'round-trip.md');
				if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
				const { data } = parsed.article;
				expect({
					title: data.title,
					bylines: data.bylines,
					source: data.source,
					dateline: data.dateline,
					summary: data.summary,
					section: data.section,
					tags: data.tags,
					date: data.date,
					draft: data.draft || undefined,
				}).toEqual({ ...fields, source: normaliseSourceName(fields.source), draft: fields.draft });
				expect(parsed.article.body).toBe(body);
			}),
			{ numRuns: 300 },
		);
	});
});
