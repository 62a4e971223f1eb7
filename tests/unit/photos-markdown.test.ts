import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { ASTRO_IMAGE_ATTRIBUTE, getLocalImagePath, renderMarkdown } from '../../src/model/markdown.ts';

/** The options a local photo hands to Astro's image pipeline, read back from the rendered attribute. */
function pipelineOptions(html: string): Record<string, unknown>[] {
	const $ = load(html);
	return $('img')
		.toArray()
		.map((image) => $(image).attr(ASTRO_IMAGE_ATTRIBUTE.toLowerCase()) ?? $(image).attr(ASTRO_IMAGE_ATTRIBUTE))
		.filter((value): value is string => value !== undefined)
		.map((value) => JSON.parse(value) as Record<string, unknown>);
}

describe('figures in the text', () => {
	test('an image with a title on a line of its own becomes a figure with the title as its caption', () => {
		const { html, images } = renderMarkdown('Before.\n\n![Ferries at the quay](photos/quay.jpg "The 7.10 sailing. Photo: Ana Ruiz")\n\nAfter.');
		const $ = load(html);
		expect($('figure > figcaption').text()).toBe('The 7.10 sailing. Photo: Ana Ruiz');
		expect($('figure > img')).toHaveLength(1);
		expect($('p figure, figure p')).toHaveLength(0);
		expect(pipelineOptions(html)).toEqual([expect.objectContaining({ src: './photos/quay.jpg', alt: 'Ferries at the quay', loading: 'lazy' })]);
		expect(images).toEqual({ local: ['./photos/quay.jpg'], remote: [], other: [] });
	});

	test('an image without a title, or inside a sentence, stays an image', () => {
		const $ = load(renderMarkdown('![Quay](quay.jpg)\n\nText with ![an icon](icon.png "Icon") inside.').html);
		expect($('figure')).toHaveLength(0);
		expect($('p')).toHaveLength(2);
	});

	test('an HTML figure keeps its caption and its photo goes to the pipeline', () => {
		const { html } = renderMarkdown('<figure>\n<img src="crane.webp" alt="A crane">\n<figcaption>The last block goes in.</figcaption>\n</figure>');
		const $ = load(html);
		expect($('figure figcaption').text()).toBe('The last block goes in.');
		expect(pipelineOptions(html)).toEqual([expect.objectContaining({ src: './crane.webp', alt: 'A crane' })]);
	});

	test('a caption is text: markup in the title is not parsed', () => {
		const $ = load(renderMarkdown('![A](a.jpg "<img src=x onerror=alert(1)>")').html);
		expect($('figcaption').text()).toBe('<img src=x onerror=alert(1)>');
		expect($('figcaption *')).toHaveLength(0);
	});

	test('remote photos and other addresses are sorted out for the loader, left as written', () => {
		const { images, html } = renderMarkdown('![A](https://cdn.example.org/a.jpg)\n\n![B](//cdn.example.org/b.jpg)\n\n![C](/assets/c.png)\n\n<img src=x alt=D>');
		expect(images).toEqual({ local: [], remote: ['https://cdn.example.org/a.jpg', '//cdn.example.org/b.jpg'], other: ['/assets/c.png', 'x'] });
		expect(load(html)('img[src="https://cdn.example.org/a.jpg"]')).toHaveLength(1);
	});
});

describe('hostile image markup', () => {
	test.each([
		['an onerror handler', '<figure><img src="a.jpg" alt="A" onerror="alert(1)" onload="alert(2)"><figcaption onclick="alert(3)">C</figcaption></figure>'],
		['a javascript: source', '<figure><img src="javascript:alert(1)" alt="A"><figcaption>C</figcaption></figure>'],
		['a srcset with a javascript: candidate', '<img src="a.jpg" srcset="javascript:alert(1) 1x, https://evil.example/p.jpg 2x" alt="A">'],
		['a picture with source srcset', '<picture><source srcset="https://evil.example/track.jpg"><img src="a.jpg" alt="A"></picture>'],
		['a data: SVG source', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="A">'],
		['an inline SVG with a script', '<figure><svg onload="alert(1)"><script>alert(2)</script><image href="javascript:alert(3)"/></svg><figcaption>C</figcaption></figure>'],
		['a style that loads an address', '<figure style="background:url(javascript:alert(1))"><img src="a.jpg" alt="A" style="x"></figure>'],
	])('%s is neutralised', (_case, markdown) => {
		const { html } = renderMarkdown(markdown);
		const $ = load(html);
		for (const element of $('*').toArray()) {
			if (!('attribs' in element)) continue;
			for (const [name, value] of Object.entries(element.attribs)) {
				expect(name).not.toMatch(/^on|^style$|^srcset$/i);
				expect(value).not.toMatch(/javascript:|data:|evil\.example/i);
			}
		}
		expect($('svg, script, source, picture')).toHaveLength(0);
		for (const options of pipelineOptions(html)) expect(Object.keys(options).sort()).toEqual(['alt', 'decoding', 'index', 'layout', 'loading', 'src']);
	});

	test.each([
		['photos/quay.jpg', 'photos/quay.jpg'],
		['My%20Photo.JPG', 'My Photo.JPG'],
		['../shared/lead.webp', '../shared/lead.webp'],
		['quay.jpg?v=2#top', 'quay.jpg'],
		['drawing.svg', undefined],
		['x', undefined],
		['/assets/a.png', undefined],
		['https://cdn.example.org/a.jpg', undefined],
		['javascript:alert(1).jpg', undefined],
		['%E0%A4%A.jpg', undefined],
	])('the address %s names the local photo %s', (src, expected) => {
		expect(getLocalImagePath(src)).toBe(expected);
	});
});
