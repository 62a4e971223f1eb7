import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { getPermalink, readGeneratorMarkdown } from '../../src/tooling/import/generator-markdown.ts';
import type { RawTextContext } from '../../src/tooling/import/raw-text.ts';
import { resolveSiteLinks } from '../../src/tooling/import/site-links.ts';

const names = { mhz: 'Michelle Hertzfeld', robert: 'Dr. Robert L. Read' };
const context = { file: 'blog/2014-03-27-uncle-sam.md', timeZone: 'America/New_York', names, permalink: 'https://18f.gsa.gov/:year/:month/:day/:slug/' };

function read(text: string, extra: Partial<RawTextContext> = {}) {
	const result = readGeneratorMarkdown(text, { ...context, ...extra });
	if (!result.ok) throw new Error(result.reason);
	return result;
}

describe('a blog imported with a names table and its old address', () => {
	test('author ids become the names in the table, and team_link mentions in the text too', () => {
		const { draft } = read('---\ntitle: Hero hackers\nauthors:\n- robert\n- mhz\n- alan-brouilette\n---\nAsk {{ "mhz" | team_link }} about it.\n');
		expect(draft.bylines).toEqual(['Dr. Robert L. Read', 'Michelle Hertzfeld', 'Alan-Brouilette']);
		expect(draft.body).toBe('Ask Michelle Hertzfeld about it.\n');
	});

	test('the post’s url is its address on the old site, from the template or its own permalink', () => {
		expect(read('---\ntitle: Hero hackers\n---\nText.\n').draft.url).toBe('https://18f.gsa.gov/2014/03/27/uncle-sam/');
		expect(read('---\ntitle: Hero hackers\npermalink: /hub/\n---\nText.\n')).toMatchObject({ draft: { url: 'https://18f.gsa.gov/hub/' }, leftOut: [] });
		expect(read('---\ntitle: Hero hackers\npermalink: /hub/\n---\nText.\n', { permalink: undefined }).leftOut).toEqual(['permalink']);
		expect(getPermalink('https://example.org/blog/:year/:slug.html', '2015-12-17T12:00:00-05:00', 'posts/2015-12-17-agilefall.md', undefined)).toBe('https://example.org/blog/2015/agilefall.html');
	});

	test('root-relative links, images and {{ site.baseurl }} point at the old site; other links and code stay as written', () => {
		const { draft } = read('---\ntitle: Links\n---\nSee [us](/about/) and [them](https://x.example/) and ![logo](/assets/logo.png).\n\n<a href="/hub/">hub</a> `[code](/x/)` {{ site.baseurl }}/team/\n\n[ref]: /ref/\n');
		expect(draft.body).toBe(
			'See [us](https://18f.gsa.gov/about/) and [them](https://x.example/) and ![logo](https://18f.gsa.gov/assets/logo.png).\n\n<a href="https://18f.gsa.gov/hub/">hub</a> `[code](/x/)` https://18f.gsa.gov/team/\n\n[ref]: https://18f.gsa.gov/ref/\n',
		);
		expect(resolveSiteLinks('[a](//cdn.example/x)', 'https://18f.gsa.gov')).toBe('[a](//cdn.example/x)');
	});

	test('titles and summaries written as HTML are read as the text a reader saw; a locale is the language', () => {
		const { draft } = read('---\ntitle: Is your project using &ldquo;agilefall&rdquo;?\nexcerpt: Two anti-patterns&#58; one <em>and</em> [two](/x/)\nlocale: es-PR\n---\nText.\n');
		expect(draft).toMatchObject({ title: 'Is your project using “agilefall”?', summary: 'Two anti-patterns: one and two', lang: 'es-PR' });
	});

	test('a date a CMS wrote as midnight UTC is that day, not the evening before in the archive’s zone', () => {
		expect(read('---\ntitle: Day\ndate: 2020-07-07T00:00:00.000Z\n---\nText.\n').draft.date).toBe('2020-07-07');
		expect(read('---\ntitle: Time\ndate: 2020-07-07T13:00:00Z\n---\nText.\n').draft.date).toBe('2020-07-07T13:00:00Z');
	});

	test('the 18F names table names every author id of the corpus, one tab-separated line each', () => {
		const table = readFileSync(path.resolve(import.meta.dirname, '../../scripts/18f-names.tsv'), 'utf8');
		const rows = table.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
		expect(rows.every((line) => /^[^\t]+\t[^\t]+$/.test(line))).toBe(true);
		expect(rows).toContain('mhz\tMichelle Hertzfeld');
		expect(new Set(rows.map((line) => line.split('\t')[0])).size).toBe(rows.length);
	});
});

describe('--link-media: images and players as links to the old site, for an offline archive', () => {
	const linked = (body: string) => read(`---\ntitle: Media\n---\n${body}`, { linkMedia: true }).draft.body;

	test.each([
		['![A chart](/assets/chart.png)', '[Image: A chart](https://18f.gsa.gov/assets/chart.png)\n'],
		['<img src="assets/team.jpg" alt="The team">', '[Image: The team](https://18f.gsa.gov/assets/team.jpg)\n'],
		['<p><a href="/hub/"><img src="/hub.png" alt="Hub"></a></p>', '<p><a href="https://18f.gsa.gov/hub/">Image: Hub</a></p>\n'],
		['<div>Hi<script>alert(1)</script></div>', '<div>Hi</div>\n'],
		['{{ "https://www.youtube-nocookie.com/embed/abc?start=5" | embed: "Talk: the title" }}', '[Video: Talk: the title](https://www.youtube.com/watch?v=abc&t=5)\n'],
		['{% image "/assets/a.png" "An image" %}', '[Image: An image](https://18f.gsa.gov/assets/a.png)\n'],
		['{% include "linked-figure.html" image: "/a.png", alt: "A", caption: "The caption", url: "/x/" %}', '[Image: A](https://18f.gsa.gov/a.png)\n\n[The caption](https://18f.gsa.gov/x/)\n'],
		['Shown as code: {% raw %}{{ page.title }}{% endraw %}.', 'Shown as code: `{{ page.title }}`.\n'],
	])('%j becomes %j', (body, expected) => {
		expect(linked(body)).toBe(expected);
	});

	test('a post whose raw blocks show braces ({% raw %}{{{% endraw %}) is still read as Liquid, not as a Hugo shortcode', () => {
		expect(linked('Replace `{% raw %}{{{% endraw %} this }}` and see [2016]({{ "/2016/x/" | url }}).')).toBe('Replace `{{ this }}` and see [2016](https://18f.gsa.gov/2016/x/).\n');
	});
});
