/**
 * The shape of an interface-language catalogue. `en.ts` is the reference: every other catalogue is typed
 * `Catalogue`, so a key missing from `de.ts` (or one `en.ts` doesn't have) fails the type check.
 */

/** A message that depends on a number, one form per `Intl.PluralRules` category the language uses. */
export interface PluralMessage {
	zero?: string;
	one?: string;
	two?: string;
	few?: string;
	many?: string;
	/** Every language has `other`; it is also the fallback for a category a catalogue leaves out. */
	other: string;
}

/** A message: plain text with `{name}` placeholders, or plural forms chosen by the `count` value. */
export type Message = string | PluralMessage;
