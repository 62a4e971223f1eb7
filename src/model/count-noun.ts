/**
 * A count and an English noun for the build log and the command-line tools (`3 files`, `1 draft`). Readers
 * never see these: their pages count through the interface languages' plural rules (`src/i18n/`).
 * @example countNoun(2, 'problem') // '2 problems'
 */
export function countNoun(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
