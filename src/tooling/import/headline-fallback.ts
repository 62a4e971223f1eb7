import { slugify } from '../../model/slug.ts';
import type { ArticleDraft } from './draft.ts';

/** Headlines to fall back on, for a headline the import inferred: longer ones, then numbered ones. */
export function titlesToTry(draft: ArticleDraft): string[] {
	if (!draft.alternativeTitles) return [];
	return [...draft.alternativeTitles, ...[2, 3, 4, 5, 6, 7, 8, 9].map((number) => numberTitle(draft.title!, number))];
}

/** `Headline (2)`, shortened by whole words until the number survives into the address (slugs stop at 80 characters). */
function numberTitle(title: string, number: number): string {
	const words = title.split(' ');
	while (words.length > 1 && !slugify(`${words.join(' ')} (${number})`).endsWith(`-${number}`)) words.pop();
	return `${words.join(' ')} (${number})`;
}
