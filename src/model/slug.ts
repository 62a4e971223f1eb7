const MAX_SLUG_LENGTH = 80;

/**
 * A URL slug that keeps letters of every script: `Zoë Ortiz` → `zoë-ortiz`, `张文博` → `张文博`.
 * Returns an empty string when the text has no letters or digits; callers choose the fallback.
 * @example slugify('US recalls team — “talks” stall') // 'us-recalls-team-talks-stall'
 */
export function slugify(text: string): string {
	const words = text
		.normalize('NFKC')
		.toLocaleLowerCase('und')
		.replace(/['’‘`]/g, '')
		.split(/[^\p{L}\p{M}\p{N}]+/u)
		.filter(Boolean);
	let slug = '';
	for (const word of words) {
		const next = slug ? `${slug}-${word}` : word;
		if (next.length > MAX_SLUG_LENGTH && slug) break;
		slug = next.slice(0, MAX_SLUG_LENGTH);
	}
	return slug;
}
