/**
 * Splits a formatted message around a piece that a page wraps in its own markup (a link, a number):
 * `splitAround('By {names}', '{names}')` → `['By ', '']`. When the message leaves the piece out (Arabic
 * writes "two stories" as one word), `undefined`.
 * @example splitAround('3 stories', '3') // ['', ' stories']
 */
export function splitAround(text: string, piece: string): [string, string] | undefined {
	const at = text.indexOf(piece);
	return at < 0 ? undefined : [text.slice(0, at), text.slice(at + piece.length)];
}
