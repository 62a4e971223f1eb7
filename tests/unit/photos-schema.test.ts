import { describe, expect, test } from 'vitest';
import { getSecurityConfig } from '../../src/integrations/security.ts';
import { parseSiteConfig, SiteConfigSchema } from '../../src/model/config.ts';
import { formatProblem, parseArticle } from '../../src/model/parse-article.ts';

const withImage = (image: string) => `---\ntitle: Ferries return\ndate: '2025-07-24'\nbylines: []\nsource: Wire\n${image}---\nThe ferries are back.\n`;

function problemsOf(source: string): string[] {
	const result = parseArticle(source, 'content/articles/ferries.md');
	if (result.ok) throw new Error('expected the article to be refused');
	return result.problems.map(formatProblem);
}

describe('the lead photo in the front-matter', () => {
	test('a photo with src, alt, caption and credit is accepted as written', () => {
		const result = parseArticle(withImage('image:\n  src: photos/quay.jpg\n  alt: Ferries at the quay\n  caption: The first sailing.\n  credit: Ana Ruiz\n'), 'a.md');
		expect(result.ok && result.article.data.image).toEqual({ src: 'photos/quay.jpg', alt: 'Ferries at the quay', caption: 'The first sailing.', credit: 'Ana Ruiz' });
	});

	test('an article without a photo has no image', () => {
		const result = parseArticle(withImage(''), 'a.md');
		expect(result.ok && result.article.data.image).toBeUndefined();
	});

	test.each([
		['a photo without alt text', 'image: { src: quay.jpg }\n', 'content/articles/ferries.md: image.alt: a photo needs alt text'],
		['empty alt text', 'image: { src: quay.jpg, alt: "  " }\n', 'content/articles/ferries.md: image.alt: the alt text is empty'],
		['a photo given as a bare address', 'image: quay.jpg\n', 'content/articles/ferries.md: image: expected image as { src, alt, caption, credit }'],
		['a javascript: address', 'image: { src: "javascript:alert(1)", alt: A }\n', 'content/articles/ferries.md: image.src: must be a file next to the article'],
		['a data: address', 'image: { src: "data:image/svg+xml,<svg onload=alert(1)>", alt: A }\n', 'content/articles/ferries.md: image.src: must be a file next to the article'],
		['a file: address', 'image: { src: "file:///etc/passwd", alt: A }\n', 'content/articles/ferries.md: image.src: must be a file next to the article'],
		['an absolute path', 'image: { src: /etc/hosts.jpg, alt: A }\n', 'content/articles/ferries.md: image.src: must be relative to the article file'],
		['a misspelt field', 'image: { src: quay.jpg, alt: A, credits: B }\n', 'content/articles/ferries.md: image.credits: unknown field "credits"; known fields of image are src, alt, caption, credit'],
	])('%s is refused, naming the file and the field', (_case, image, message) => {
		expect(problemsOf(withImage(image))).toEqual([expect.stringContaining(message)]);
	});
});

describe('the remoteImages setting', () => {
	const imageSources = (remoteImages?: boolean) => {
		const csp = getSecurityConfig(remoteImages === undefined ? undefined : { remoteImages }).csp;
		if (typeof csp !== 'object') throw new Error('expected a CSP configuration');
		return (csp.directives ?? []).filter((directive) => directive.startsWith('img-src'));
	};

	test('is off unless the keeper turns it on, and says what turning it on costs', () => {
		expect(parseSiteConfig({ title: 'A', url: 'https://a.example.org' }).remoteImages).toBe(false);
		expect(parseSiteConfig({ title: 'A', url: 'https://a.example.org', remoteImages: true }).remoteImages).toBe(true);
		expect(SiteConfigSchema.shape.remoteImages.description).toMatch(/hotlinked/);
		expect(() => parseSiteConfig({ title: 'A', url: 'https://a.example.org', remoteImages: 'yes' })).toThrow(/remoteImages must be true or false/);
	});

	test("photos load only from the archive itself unless remote photos are allowed", () => {
		expect(imageSources()).toEqual(["img-src 'self' data:"]);
		expect(imageSources(false)).toEqual(["img-src 'self' data:"]);
		expect(imageSources(true)).toEqual(["img-src 'self' data: https:"]);
	});
});
