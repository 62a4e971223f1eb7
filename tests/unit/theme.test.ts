import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/model/config.ts';
import { renderThemeCss } from '../../src/model/theme.ts';
import { getThemeHead } from '../../src/outputs/theme-head.ts';

const base = { title: 'G', url: 'https://x.org' };

describe('renderThemeCss', () => {
	test('writes fonts and widths on :root, light colours for screens and dark colours in the dark-scheme media query', () => {
		const css = renderThemeCss({ colors: { light: { accent: '#0b6e4f' }, dark: { accent: '#6fd3b0' } }, fonts: { sans: 'Inter, sans-serif' }, widths: { story: '38rem' } });
		expect(css).toContain(':root {\n\t--font-sans: Inter, sans-serif;\n\t--story-width: 38rem;\n}');
		expect(css).toContain('@media screen {\n:root {\n\t--color-accent: #0b6e4f;\n}\n}');
		expect(css).toContain('@media screen and (prefers-color-scheme: dark) {\n:root {\n\t--color-accent: #6fd3b0;\n}\n}');
	});

	test('a theme without tokens (only a logo, say) writes no stylesheet', () => {
		expect(renderThemeCss(undefined)).toBeUndefined();
		expect(renderThemeCss({ logo: { src: '/logo.svg', alt: 'Gazette' } })).toBeUndefined();
	});
});

describe('theme settings', () => {
	test.each([
		[{ colors: { light: { accent: 'red; } body { display: none' } } }, /theme\.colors\.light\.accent: a colour must be a single CSS value/],
		[{ colors: { light: { acent: 'red' } } }, /unknown setting "acent"/],
		[{ stylesheet: 'https://cdn.example.org/x.css' }, /theme\.stylesheet: stylesheet must be a path on this site/],
		[{ logo: { src: 'logo.svg', alt: 'G' } }, /theme\.logo\.src: logo\.src must be a path on this site/],
		[{ logo: { src: '/logo.svg' } }, /theme\.logo\.alt/],
		[{ navigation: [{ label: 'About', href: 'javascript:alert(1)' }] }, /theme\.navigation\.0\.href: href must be a path on this site/],
	])('%j is refused with a message naming the setting', (theme, message) => {
		expect(() => parseSiteConfig({ ...base, theme })).toThrow(message);
	});

	test('the page shell links the token stylesheet, then the keeper’s, under the base path', () => {
		const head = getThemeHead({ colors: { light: { paper: '#fff' } }, stylesheet: '/brand.css', favicon: '/icon.png' }, (path) => `/archive${path}`);
		expect(head.stylesheets).toEqual(['/archive/theme.css', '/archive/brand.css']);
		expect(head.favicon).toEqual({ href: '/archive/icon.png', type: 'image/png' });
		expect(head.paper).toEqual({ light: '#fff', dark: '#161514' });
	});
});
