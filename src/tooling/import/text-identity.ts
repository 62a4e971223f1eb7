import { createHash } from 'node:crypto';

/**
 * A story's text, reduced so that the same story reads the same however its Markdown escapes punctuation or
 * breaks lines: one key per story, whatever its headline, address or front-matter.
 */
export function getTextKey(body: string): string {
	const text = body.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\s+/g, ' ').trim();
	return createHash('sha256').update(text).digest('base64');
}

/** Two bodies hold the same story when they differ only in trailing white space. */
export function sameText(a: string, b: string): boolean {
	const normalise = (body: string) => body.replace(/[ \t]+$/gm, '').trim();
	return normalise(a) === normalise(b);
}
