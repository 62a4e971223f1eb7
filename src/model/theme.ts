/**
 * Theming without forking: the design tokens, logo, favicon, navigation links, footer text and extra
 * stylesheet a keeper sets in `clippings({ theme })`. The tokens become `/theme.css`, a plain stylesheet
 * on this site, so the Content Security Policy (`style-src 'self'`) needs no exception.
 */
import { z } from 'zod';

/** The colour tokens of `src/styles/global.css`, by the name a keeper writes. */
export const COLOR_TOKENS = {
	paper: '--color-paper',
	ink: '--color-ink',
	text: '--color-text',
	textSoft: '--color-text-soft',
	muted: '--color-muted',
	accent: '--color-accent',
	link: '--color-link',
	rule: '--color-rule',
	ruleStrong: '--color-rule-strong',
	wash: '--color-wash',
	focus: '--color-focus',
} as const;

/** The font tokens: body text, headlines, labels and code. */
export const FONT_TOKENS = { serif: '--font-serif', display: '--font-display', sans: '--font-sans', mono: '--font-mono' } as const;

/** The width tokens: the whole page and the column of an article's text. */
export const WIDTH_TOKENS = { page: '--page-width', story: '--story-width' } as const;

// A token's value is written into a stylesheet: nothing that could end the declaration or the rule.
const cssValue = (what: string) =>
	z
		.string()
		.trim()
		.min(1, `${what} must not be empty`)
		.max(400, `${what} is too long`)
		.refine((value) => !/[;{}<>\\]|\/\*/.test(value), `${what} must be a single CSS value, without ; { } < > \\ or comments`);

const colorsOf = (scheme: string) =>
	z
		.object(Object.fromEntries(Object.keys(COLOR_TOKENS).map((name) => [name, cssValue(`a colour`).optional()])) as Record<keyof typeof COLOR_TOKENS, z.ZodOptional<z.ZodString>>)
		.strict()
		.describe(`Colours in the ${scheme} scheme, any CSS colour: paper (background), ink (headlines, rules), text, textSoft, muted, accent (kickers, source), link, rule, ruleStrong, wash (hover backgrounds), focus (outline).`);

// A file of the site (`/logo.svg`, served from public/) or, for images, an https address.
const sitePath = (what: string) =>
	z
		.string()
		.trim()
		.refine((value) => value.startsWith('/') && !value.startsWith('//'), `${what} must be a path on this site starting with "/", e.g. "/brand/logo.svg" for public/brand/logo.svg`);

const imageSource = (what: string) =>
	z
		.string()
		.trim()
		.refine((value) => (value.startsWith('/') && !value.startsWith('//')) || /^https:\/\//.test(value), `${what} must be a path on this site ("/logo.svg", a file in public/) or an https:// address`);

/** A link a keeper adds to the masthead's navigation. */
export const NavigationLinkSchema = z
	.object({
		label: z.string().trim().min(1, 'a navigation link needs a label').describe('The link text.'),
		href: z
			.string()
			.trim()
			.refine((value) => /^(https?:\/\/|\/(?!\/))/.test(value), 'href must be a path on this site ("/about/") or an http(s) address')
			.describe('A path on this site (the base path is added) or an http(s) address.'),
	})
	.strict();

/** The `theme` settings. Every field is optional; left out, the archive keeps its own look. */
export const ThemeSchema = z
	.object({
		colors: z
			.object({ light: colorsOf('light').optional(), dark: colorsOf('dark').optional() })
			.strict()
			.optional()
			.describe('Colour tokens for the light and the dark scheme (the reader’s system setting picks one).'),
		fonts: z
			.object(Object.fromEntries(Object.keys(FONT_TOKENS).map((name) => [name, cssValue('a font stack').optional()])) as Record<keyof typeof FONT_TOKENS, z.ZodOptional<z.ZodString>>)
			.strict()
			.optional()
			.describe('Font stacks: serif (article text), display (headlines), sans (labels, navigation), mono. Fonts must be installed or served from this site (font-src \'self\').'),
		widths: z
			.object(Object.fromEntries(Object.keys(WIDTH_TOKENS).map((name) => [name, cssValue('a width').optional()])) as Record<keyof typeof WIDTH_TOKENS, z.ZodOptional<z.ZodString>>)
			.strict()
			.optional()
			.describe('Widths: page (the whole layout, default 72rem) and story (an article’s column, default 42rem).'),
		logo: z
			.object({
				src: imageSource('logo.src').describe('The image: a file in public/ ("/logo.svg") or an https:// address.'),
				darkSrc: imageSource('logo.darkSrc').optional().describe('The image for the dark scheme, when the light one would not show on a dark background.'),
				alt: z.string().trim().min(1, 'logo.alt must name what the logo shows, usually the archive’s name').describe('Text for readers who can’t see the image.'),
				width: z.number().int().positive().optional().describe('Width in CSS pixels (keeps the layout steady while it loads).'),
				height: z.number().int().positive().optional().describe('Height in CSS pixels.'),
			})
			.strict()
			.optional()
			.describe('A logo shown in the masthead in place of the title text.'),
		favicon: imageSource('favicon').optional().describe('The site icon: a file in public/ ("/icon.png") or an https:// address; the default is /favicon.svg.'),
		navigation: z.array(NavigationLinkSchema).max(12, 'at most 12 navigation links').optional().describe('Links added to the masthead’s navigation, after the archive’s own.'),
		footer: z.string().trim().min(1).max(1000).optional().describe('A line of plain text in the footer (e.g. a copyright or a contact address).'),
		stylesheet: sitePath('stylesheet').optional().describe('A stylesheet of yours in public/ ("/brand.css"), loaded after the archive’s own so its rules win.'),
	})
	.strict();

/** The validated theme. */
export type Theme = z.infer<typeof ThemeSchema>;

/**
 * The stylesheet of a theme's tokens, or `undefined` when it sets none.
 * @example renderThemeCss({ widths: { story: '38rem' } }) // ':root {\n\t--story-width: 38rem;\n}\n' after a comment line
 */
export function renderThemeCss(theme: Theme | undefined): string | undefined {
	if (!theme) return undefined;
	const declarations = (values: Record<string, string | undefined> | undefined, tokens: Record<string, string>) =>
		Object.entries(values ?? {})
			.filter((entry): entry is [string, string] => entry[1] !== undefined)
			.map(([name, value]) => `\t${tokens[name]}: ${value};`);
	const root = [...declarations(theme.fonts, FONT_TOKENS), ...declarations(theme.widths, WIDTH_TOKENS)];
	const light = declarations(theme.colors?.light, COLOR_TOKENS);
	const dark = declarations(theme.colors?.dark, COLOR_TOKENS);
	// Colours on screen only: print keeps the archive's black on white.
	const blocks = [
		root.length > 0 ? `:root {\n${root.join('\n')}\n}\n` : '',
		light.length > 0 ? `@media screen {\n:root {\n${light.join('\n')}\n}\n}\n` : '',
		dark.length > 0 ? `@media screen and (prefers-color-scheme: dark) {\n:root {\n${dark.join('\n')}\n}\n}\n` : '',
	].join('');
	return blocks === '' ? undefined : `/* The theme set in astro.config.mjs (clippings({ theme })). */\n${blocks}`;
}
