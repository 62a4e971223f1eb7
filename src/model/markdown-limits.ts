/**
 * Structural limits on an article body, checked in one linear pass before the Markdown parser sees it.
 * remark and rehype recurse once per nesting level and resolve emphasis and link markers in time that grows
 * faster than the text, so a few kilobytes of `> > > …` or `*_*_…` can overflow the stack or stall a build.
 * Real articles stay far below every limit here; the render time budget catches whatever slips past.
 */

/** Deepest nesting of block quotes and lists (markers plus indentation) a line may open. */
export const MAX_BLOCK_NESTING = 100;

/** Deepest nesting of raw HTML elements in the body. */
export const MAX_HTML_NESTING = 256;

/** Most emphasis and link markers (`*`, `_`, `[`, `]`) in one paragraph. */
export const MAX_INLINE_MARKERS = 5_000;

const CONTAINER_MARKER = /[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y;
const FENCE = /^[ \t>]*(`{3,}|~{3,})/;
// `[^<>]*` keeps the scan linear even on `<a<a<a…` with no closing bracket.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/g;
const INLINE_MARKER = /[*_[\]]/g;

/** Elements that never hold children, or whose end tag is implied by the next sibling: they don't nest. */
const FLAT_ELEMENTS = new Set([
	'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
	'colgroup', 'dd', 'dt', 'li', 'optgroup', 'option', 'p', 'rb', 'rp', 'rt', 'rtc', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
]);

function measureLineNesting(line: string): number {
	let columns = 0;
	for (const character of line) {
		if (character === ' ') columns += 1;
		else if (character === '\t') columns += 4;
		else break;
	}
	let markers = 0;
	CONTAINER_MARKER.lastIndex = 0;
	while (CONTAINER_MARKER.test(line)) markers += 1;
	return markers + Math.floor(columns / 2);
}

function measureHtmlNesting(markdown: string): number {
	let depth = 0;
	let deepest = 0;
	for (const [, closing, name, selfClosing] of markdown.matchAll(TAG)) {
		const tag = name!.toLowerCase();
		if (FLAT_ELEMENTS.has(tag) || selfClosing) continue;
		depth = closing ? Math.max(0, depth - 1) : depth + 1;
		deepest = Math.max(deepest, depth);
	}
	return deepest;
}

/**
 * Returns why a Markdown body is too deeply nested or too dense to render safely, or `undefined` when it is
 * fine. Linear in the length of the body.
 * @example findMarkdownHazard('> '.repeat(10_000) + 'deep') // 'the text nests block quotes or lists 10000 levels deep…'
 */
export function findMarkdownHazard(markdown: string): string | undefined {
	let inFence = false;
	let paragraphMarkers = 0;
	for (const line of markdown.split('\n')) {
		const nesting = measureLineNesting(line);
		if (nesting > MAX_BLOCK_NESTING) {
			return `the text nests block quotes or lists ${nesting} levels deep; the limit is ${MAX_BLOCK_NESTING}`;
		}
		if (FENCE.test(line)) inFence = !inFence;
		if (inFence || line.trim() === '') {
			paragraphMarkers = 0;
			continue;
		}
		paragraphMarkers += line.match(INLINE_MARKER)?.length ?? 0;
		if (paragraphMarkers > MAX_INLINE_MARKERS) {
			return `a paragraph has more than ${MAX_INLINE_MARKERS} emphasis or link markers (* _ [ ]); escape them or split the paragraph`;
		}
	}
	const htmlNesting = measureHtmlNesting(markdown);
	if (htmlNesting > MAX_HTML_NESTING) {
		return `the HTML in the text nests elements ${htmlNesting} levels deep; the limit is ${MAX_HTML_NESTING}`;
	}
	return undefined;
}
