/**
 * One article file as the build takes it, shared by the loader and `npm run check` so the two can't drift
 * apart: parsed, validated and rendered in a worker thread (`prepareArticle`), then, when a photo policy is
 * given, its lead photo and the photos of its text checked (`resolveArticleImages`). A render that throws or
 * times out becomes a refusal that names the file.
 */
import type { PreparedArticle } from '../model/prepare-article.ts';
import { resolveArticleImages, type ArticleImagePolicy, type ResolvedArticleImages } from './article-images.ts';
import type { RenderPool } from './render-pool.ts';
import type { StorySelection } from '../model/shards.ts';

type PreparedStory = Extract<PreparedArticle, { kind: 'article' }>;

/** A prepared file; an article carries its checked photos when a policy was given. */
export type PreparedFile<WithPhotos extends boolean = boolean> =
	| Exclude<PreparedArticle, { kind: 'article' }>
	| (PreparedStory & (WithPhotos extends true ? { photos: ResolvedArticleImages } : { photos?: ResolvedArticleImages }));

/**
 * Prepares one file in the pool's workers, checking its photos when `policy` is given.
 * @example await prepareFile(pool, bytes, 'content/articles/2025/recall.md', policy) // { kind: 'article', photos: { … }, … }
 */
export async function prepareFile(pool: RenderPool, bytes: Uint8Array, file: string, policy: ArticleImagePolicy, selection?: StorySelection): Promise<PreparedFile<true>>;
export async function prepareFile(pool: RenderPool, bytes: Uint8Array, file: string, policy?: ArticleImagePolicy, selection?: StorySelection): Promise<PreparedFile>;
export async function prepareFile(pool: RenderPool, bytes: Uint8Array, file: string, policy?: ArticleImagePolicy, selection?: StorySelection): Promise<PreparedFile> {
	try {
		const prepared = await pool.prepare(bytes, file, selection);
		if (prepared.kind !== 'article' || !policy) return prepared;
		return { ...prepared, photos: await resolveArticleImages(file, prepared.data.image, prepared.rendered, policy) };
	} catch (error) {
		return { kind: 'refused', file, problems: [{ file, message: `could not be rendered: ${(error as Error).message}` }] };
	}
}
