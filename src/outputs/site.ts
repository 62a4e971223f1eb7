import config from 'virtual:clippings/config';
import { createTranslator, type Translator } from '../i18n/index.ts';
import { DEFAULT_NAMES_PER_PAGE } from '../model/config.ts';
import { getAbsoluteUrl, withBase } from '../model/urls.ts';

/** The validated site settings from `astro.config.mjs`. */
export const site = config;

/** Names per page of the byline, source and topic indexes (`namesPerPage`, 300 unless set). */
export const namesPerPage: number = config.namesPerPage ?? DEFAULT_NAMES_PER_PAGE;

/**
 * The interface strings in the site's language, with the keeper's overrides: settings, like `site`,
 * not archive data. `ui.t('nav.latest')`.
 */
export const ui: Translator = createTranslator(config.lang, config.strings);

/** A root-relative path from `urls.ts`, with the site's base path in front, for `href` and `src`. */
export function href(path: string): string {
	return withBase(path, config.base);
}

/** The absolute address of a path, for canonical links, feeds and sitemaps. */
export function absoluteUrl(path: string): string {
	return getAbsoluteUrl(path, config.url, config.base);
}
