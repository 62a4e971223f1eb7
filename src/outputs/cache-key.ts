import { createHash } from 'node:crypto';

/**
 * A short, exact cache key for a page built from several facts (digests, linked slugs, settings): equal only
 * when every part is equal, in order.
 * @example createCacheKey([article.digest, newer?.digest, 'jane-doe']) // '3f2a…' (40 hex digits)
 */
export function createCacheKey(parts: readonly (string | undefined)[]): string {
	const hash = createHash('sha1');
	for (const part of parts) hash.update(part === undefined ? '\u0000' : `\u0001${part.length}:${part}`);
	return hash.digest('hex');
}
