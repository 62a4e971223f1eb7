/** Scripts written right to left, as ISO 15924 codes that may appear in a language tag (`ku-Arab`). */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);

/** Languages whose default script runs right to left. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/**
 * The writing direction of a language, for the `dir` attribute: `rtl` for Arabic, Hebrew, Persian, Urdu
 * and other right-to-left languages, `ltr` otherwise (also for tags that cannot be parsed).
 * An explicit script subtag wins over the language: `az-Arab` is `rtl`, `ku-Latn` is `ltr`.
 * @example getTextDirection('ar-EG') // 'rtl'
 */
export function getTextDirection(lang: string | undefined): 'ltr' | 'rtl' {
	if (!lang) return 'ltr';
	let direction = directions.get(lang);
	if (!direction) {
		direction = findTextDirection(lang);
		directions.set(lang, direction);
	}
	return direction;
}

// Parsing a language tag is costly next to a lookup, and a build asks about the same few tags on every page.
const directions = new Map<string, 'ltr' | 'rtl'>();

function findTextDirection(lang: string): 'ltr' | 'rtl' {
	let locale: Intl.Locale;
	try {
		locale = new Intl.Locale(lang);
	} catch {
		return 'ltr';
	}
	if (locale.script) return RTL_SCRIPTS.has(locale.script.toLowerCase()) ? 'rtl' : 'ltr';
	return RTL_LANGUAGES.has(locale.language.toLowerCase()) ? 'rtl' : 'ltr';
}
