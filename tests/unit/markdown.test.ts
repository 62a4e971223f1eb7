import { describe, expect, test } from 'vitest';
import { load } from 'cheerio';
import { countWords, renderMarkdown } from '../../src/model/markdown.ts';

describe('renderMarkdown', () => {
	test('characters that look like Markdown inside words and quotes stay as written', () => {
		const { text } = renderMarkdown('(CNN) — Hamas’ response “clearly shows” a lack of desire, he said.');
		expect(text).toBe('(CNN) — Hamas’ response “clearly shows” a lack of desire, he said.');
	});

	test('the first paragraph and the word count come from the rendered text', () => {
		const result = renderMarkdown('## A subhead\n\nFirst paragraph here.\n\nSecond one.');
		expect(result.firstParagraph).toBe('First paragraph here.');
		expect(result.wordCount).toBe(7);
	});

	test('body headings start at h2, because the headline is the only h1', () => {
		const $ = load(renderMarkdown('# Big\n\n## Smaller\n\ntext').html);
		expect($('h1')).toHaveLength(0);
		expect($('h2').text()).toBe('Big');
		expect($('h3').text()).toBe('Smaller');
	});

	test('links to a heading and footnote references reach their targets through the id prefix', () => {
		const $ = load(renderMarkdown('See [methods](#methods) and a note[^1].\n\n## Methods\n\nText.\n\n[^1]: The note.').html);
		for (const link of $('a[href^="#"]').toArray()) {
			const target = decodeURIComponent($(link).attr('href')!.slice(1));
			expect($(`[id="${target}"]`), `target of ${$(link).attr('href')}`).toHaveLength(1);
		}
		expect($('a[href^="#"]').length).toBeGreaterThanOrEqual(3);
		expect($('[id]').toArray().every((node) => $(node).attr('id')!.startsWith('user-content-'))).toBe(true);
	});

	test('external links do not pass the archive address on', () => {
		const $ = load(renderMarkdown('[CNN](https://cnn.com/story)').html);
		expect($('a').attr('rel')).toBe('noopener noreferrer');
	});
});

describe('countWords', () => {
	test.each([
		['The quick brown fox', 4],
		['Don’t stop — state-of-the-art', 3],
		['张文博说', 4],
		['محمد قال اليوم', 3],
		['', 0],
	])('"%s" has %i words', (text, words) => {
		expect(countWords(text)).toBe(words);
	});
});
