import config from 'virtual:clippings/config';
import { getAbsoluteUrl, withBase } from './urls.ts';

/** The validated site settings from `astro.config.mjs`. */
export const site = config;

/** A root-relative path from `urls.ts`, with the site's base path in front, for `href` and `src`. */
export function href(path: string): string {
	return withBase(path, config.base);
}

/** The absolute address of a path, for canonical links, feeds and sitemaps. */
export function absoluteUrl(path: string): string {
	return getAbsoluteUrl(path, config.url, config.base);
}
