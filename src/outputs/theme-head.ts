/**
 * What the page shell needs from a theme: the favicon, the `theme-color` of each scheme and the
 * stylesheets to load after the archive's own (the tokens' `/theme.css`, then the keeper's file).
 */
import { renderThemeCss, type Theme } from '../model/theme.ts';
import { getFaviconPath, getThemeStylesheetPath } from '../model/urls.ts';

/** The default paper colours, as in src/styles/global.css, for `<meta name="theme-color">`. */
export const DEFAULT_PAPER = { light: '#fbfaf7', dark: '#161514' } as const;

/** The favicon, theme colours and extra stylesheets of a page, with the base path applied by `href`. */
export interface ThemeHead {
	favicon: { href: string; type: string | undefined };
	paper: { light: string; dark: string };
	stylesheets: string[];
}

const ICON_TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', ico: 'image/x-icon', gif: 'image/gif', webp: 'image/webp' };

/**
 * The page shell's theme parts.
 * @example getThemeHead(undefined, (path) => path).favicon // { href: '/favicon.svg', type: 'image/svg+xml' }
 */
export function getThemeHead(theme: Theme | undefined, href: (path: string) => string): ThemeHead {
	const icon = theme?.favicon ?? getFaviconPath();
	const resolve = (path: string) => (path.startsWith('/') ? href(path) : path);
	const extension = /\.(\w+)(?:[?#].*)?$/.exec(icon)?.[1]?.toLowerCase();
	return {
		favicon: { href: resolve(icon), type: extension ? ICON_TYPES[extension] : undefined },
		paper: { light: theme?.colors?.light?.paper ?? DEFAULT_PAPER.light, dark: theme?.colors?.dark?.paper ?? DEFAULT_PAPER.dark },
		stylesheets: [
			...(renderThemeCss(theme) === undefined ? [] : [href(getThemeStylesheetPath())]),
			...(theme?.stylesheet ? [href(theme.stylesheet)] : []),
		],
	};
}
