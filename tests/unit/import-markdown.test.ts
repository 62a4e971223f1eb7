import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readGeneratorMarkdown } from '../../src/tooling/import/generator-markdown.ts';
import { importArticles } from '../../src/tooling/import/import-articles.ts';
import { translateGoTemplate, translateLiquid, translateShortcodes } from '../../src/tooling/import/template-calls.ts';

const BLOGS = path.resolve(import.meta.dirname, '../../../shared/corpora/markdown-blogs');
const context = { file: 'posts/post.md', timeZone: 'America/New_York' };

describe('front-matter from other generators', () => {
	test('Jekyll YAML: authors, tags and categories, excerpt, a date with its offset', () => {
		const text = `---
layout: post
title: "Hello, world"
date: 2014-03-19 10:14:29 -0400
authors:
  - Ann Lee
  - name: Bo Park
tags: [open source, culture]
categories: news
excerpt: "We are a [team](/about/) of <b>doers</b>."
image: /hero.png
---
Body *text*.
`;
		const result = readGeneratorMarkdown(text, context);
		expect(result).toMatchObject({
			ok: true,
			draft: {
				title: 'Hello, world',
				date: '2014-03-19T10:14:29-04:00',
				bylines: ['Ann Lee', 'Bo Park'],
				tags: ['open source', 'culture', 'news'],
				summary: 'We are a team of doers.',
				body: 'Body *text*.\n',
			},
			leftOut: ['layout', 'image'],
		});
	});

	test('Zola TOML: authors list, the date only inside path', () => {
		const text = `+++\npath = "2025/06/26/Rust-1.88.0"\ntitle = "Announcing Rust 1.88.0"\nauthors = ["The Rust Release Team"]\n\n[extra]\nrelease = true\n+++\n\nThe Rust team is happy.\n`;
		expect(readGeneratorMarkdown(text, context)).toMatchObject({
			ok: true,
			draft: { title: 'Announcing Rust 1.88.0', date: '2025-06-26', bylines: ['The Rust Release Team'], body: 'The Rust team is happy.\n' },
		});
	});

	test('Hugo TOML dates stay the day or the moment they were written as', () => {
		const day = readGeneratorMarkdown('+++\ntitle = "A"\ndate = 2024-04-09\n+++\nText.', context);
		const moment = readGeneratorMarkdown('+++\ntitle = "A"\ndate = 2024-04-09T08:30:00+02:00\n+++\nText.', context);
		expect(day.ok && day.draft.date).toBe('2024-04-09');
		expect(moment.ok && moment.draft.date).toBe('2024-04-09T08:30:00+02:00');
	});

	test('the Go blog’s `by` list and summary; a credit such as ", for the Go team" is not a name', () => {
		const text = '---\ntitle: Go Turns 10\ndate: 2019-11-08\nby:\n- Russ Cox, for the Go team\nsummary: Happy 10th birthday, Go!\n---\n\nHappy birthday!\n';
		expect(readGeneratorMarkdown(text, context)).toMatchObject({
			ok: true,
			draft: { date: '2019-11-08', bylines: ['Russ Cox'], summary: 'Happy 10th birthday, Go!' },
		});
	});

	test.each([
		['author: "Ann Lee and Bo Park"', ['Ann Lee', 'Bo Park']],
		['author:\n  name: Cy Diaz', ['Cy Diaz']],
		['by: Dee Ess', ['Dee Ess']],
		['', []],
	])('%j gives the bylines %j', (line, bylines) => {
		const result = readGeneratorMarkdown(`---\ntitle: T\ndate: 2020-01-02\n${line}\n---\nText.\n`, context);
		expect(result.ok && result.draft.bylines).toEqual(bylines);
	});

	test.each([
		['from the file name, as Jekyll names posts', 'blog/2014-03-19-hello.md', '2014-03-19'],
		['from a dated folder', 'blog/2021/08/09/clock/index.md', '2021-08-09'],
	])('with no date in the front-matter, the date comes %s', (_, file, date) => {
		const result = readGeneratorMarkdown('---\ntitle: T\n---\nText.\n', { ...context, file });
		expect(result.ok && result.draft.date).toBe(date);
	});

	test('a headline given only as the first # heading becomes the title and leaves the body', () => {
		const result = readGeneratorMarkdown('---\ndate: 2020-01-02\n---\n# The real title\n\nText.\n', context);
		expect(result).toMatchObject({ ok: true, draft: { title: 'The real title', body: 'Text.\n' } });
	});

	test('a quoted value continued in column 0, which Jekyll accepts, is read', () => {
		const result = readGeneratorMarkdown('---\ntitle: T\ndate: 2020-01-02\nexcerpt: "A value: on two\nlines, quoted"\n---\nText.\n', context);
		expect(result.ok && result.draft.summary).toBe('A value: on two lines, quoted');
	});

	test.each([
		['a date that is not one', '---\ntitle: T\ndate: soon\n---\nText.', /date "soon"/],
		['front-matter that is not YAML', '---\ntitle: [unclosed\n---\nText.', /front-matter cannot be read/],
		['JavaScript tags in YAML', '---\ntitle: !!js/function "function(){}"\n---\nText.', /front-matter cannot be read/],
		['TOML that does not parse', '+++\ntitle = \n+++\nText.', /front-matter cannot be read/],
	])('%s is a reason', (_, text, reason) => {
		expect(readGeneratorMarkdown(text, context)).toMatchObject({ ok: false, reason });
	});
});

describe('template calls', () => {
	test('Liquid: raw blocks keep their text, links and images become Markdown, undefined variables print nothing', () => {
		const body = [
			'[18F]({{ "/about/" | url }}) and {{ "melody" | team_link }}',
			'{% image "assets/a.png" "A [bracketed] photo" %}',
			'{% raw %}{{ keep.this }}{% endraw %}',
			'{% comment %}gone{% endcomment %}x',
			'<img src="{{ site.baseurl }}/assets/b.png"> `{{ page.missing }}/x`',
			'{{ image | url }}',
		].join('\n');
		expect(translateLiquid(body, { image: '/hero.png' })).toEqual({
			ok: true,
			body: ['[18F](/about/) and melody', '![A \\[bracketed\\] photo](assets/a.png)', '{{ keep.this }}', 'x', '<img src="/assets/b.png"> `/x`', '/hero.png'].join('\n'),
		});
	});

	test('Liquid logic that needs the generator is refused by name', () => {
		expect(translateLiquid('{% for a in site.authors %}{{ a }}{% endfor %}', {})).toMatchObject({ ok: false, reason: /\{% for a in site\.authors %\}/ });
	});

	test('Go templates: raw text, images and videos become Markdown; {{code}} needs files outside the post', () => {
		expect(translateGoTemplate('{{image "10years/gopher.jpg" 850}}\n{{raw `\n\tfunc x() {}\n`}}\n{{video "https://example.org/v"}}')).toEqual({
			ok: true,
			body: '![](10years/gopher.jpg)\n\n\tfunc x() {}\n\n[Watch the video](https://example.org/v)',
		});
		expect(translateGoTemplate('{{code "pipelines/sq.go" `/func sq/` `/^}/`}}')).toMatchObject({ ok: false, reason: /program text from a file outside the article/ });
	});

	test('Hugo shortcodes: figure and youtube are translated, others refused; code is left alone', () => {
		expect(translateShortcodes('{{< figure src="/a.png" alt="A" >}} `{{< x >}}`')).toEqual({ ok: true, body: '![A](/a.png) `{{< x >}}`' });
		expect(translateShortcodes('{{< gist user 123 >}}')).toMatchObject({ ok: false, reason: /shortcode .*gist/ });
	});
});

describe('the markdown-blogs corpus', () => {
	test.each([
		['18f-blog', '18F', 510],
		['go-blog', 'The Go Blog', 275],
		['rust-blog', 'Rust Blog', 753],
	])('every file of %s is imported or rejected with a reason', async (folder, source, files) => {
		const report = await importArticles([path.join(BLOGS, folder)], {
			root: path.join(import.meta.dirname, 'no-such-project'),
			content: 'content',
			timeZone: 'America/New_York',
			source,
			dryRun: true,
		});
		expect(report.results).toHaveLength(files);
		for (const result of report.results) {
			if (result.status === 'rejected') expect(result.reason, result.input).toMatch(/\w{3}/);
			else expect(result.status, result.input).toBe('imported');
		}
		// The rejections are the files that are not posts, and posts that pull in code from outside the article.
		const rejected = report.results.filter((result) => result.status === 'rejected');
		expect(rejected.length).toBeLessThanOrEqual(folder === 'go-blog' ? 16 : 3);
	});
});
