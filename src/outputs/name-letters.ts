/**
 * How the letter bar of a split byline, source or topic index names its entries, in the site's language.
 */
import type { NameLetter } from '../derived/group-letters.ts';
import type { Translator } from '../i18n/index.ts';

/**
 * The text of a letter bar entry: the letter itself, a script by its name in the interface language
 * (`Cyrl` → "Cyrillic", «السيريلية»), or the interface's words for digits and other names.
 * @example formatNameLetter({ key: 'cyrl', kind: 'script', text: 'Cyrl' }, ui) // 'Cyrillic'
 */
export function formatNameLetter(letter: NameLetter, ui: Pick<Translator, 't' | 'lang'>): string {
	switch (letter.kind) {
		case 'letter':
			return letter.text;
		case 'script':
			return new Intl.DisplayNames(ui.lang, { type: 'script', fallback: 'code' }).of(letter.text) ?? letter.text;
		case 'digits':
			return ui.t('group.digits');
		case 'other':
			return ui.t('group.otherNames');
	}
}
