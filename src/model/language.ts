/** The archive's facts about languages: which tags are valid, and which language a story is in. */

/**
 * True for a BCP 47 language tag that `Intl` understands, such as `en`, `de-CH` or `ar`.
 * @example isLanguageTag('de') // true
 */
export function isLanguageTag(value: string): boolean {
	try {
		return Intl.getCanonicalLocales(value).length === 1;
	} catch {
		return false;
	}
}

/**
 * The language a story is written in: its own `lang`, else the archive's.
 * @example getStoryLanguage({ lang: undefined }, 'en') // 'en'
 */
export function getStoryLanguage(story: { lang?: string | undefined }, siteLang: string): string {
	return story.lang ?? siteLang;
}
