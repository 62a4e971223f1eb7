/**
 * A story's photos as the outputs share them: the lead photo at one fixed size for link previews, JSON-LD
 * and feeds (`getLeadPhoto`), and the text's photos with absolute addresses for feed readers
 * (`resolveFeedPhotos`). Local files go through Astro's image pipeline (`getImage`), which writes each size
 * once however many pages ask for it.
 */
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import type { ArticleEntryData } from '../model/article-entry.ts';
import { site } from './site.ts';

/** Width of the lead photo in link previews, JSON-LD and feeds: what Facebook and Google ask for. */
export const SHARED_PHOTO_WIDTH = 1200;

/** Widest a photo of the text is sent to feed readers. */
const FEED_BODY_PHOTO_WIDTH = 720;

/** A photo with an absolute address, for link previews, JSON-LD and feeds. */
export interface SharedPhoto {
	url: string;
	/** MIME type, e.g. `image/jpeg`; `undefined` for a remote photo whose type isn't known. */
	type?: string;
	width?: number;
	height?: number;
	alt: string;
	caption?: string;
	credit?: string;
}

/** The part of a story this module reads. */
export interface PhotoStory {
	id: string;
	data: Pick<ArticleEntryData, 'image' | 'bodyImages'>;
}

const leadPhotos = new Map<string, Promise<SharedPhoto | undefined>>();

function toAbsolute(src: string): string {
	return new URL(src, site.url).href;
}

/**
 * The story's lead photo as a 1200-pixel-wide JPEG (or narrower, when the file is) with its absolute
 * address, or `undefined` when the story has none. An allowed remote photo keeps its own address.
 * Pages, JSON-LD and feeds all call this one function; a fallback picture for stories without a photo
 * can be chosen where it returns `undefined`.
 * @example (await getLeadPhoto(article))?.url // 'https://news.example.org/_astro/quay.Dn7ogFor_Z1x.jpg'
 */
export function getLeadPhoto(story: PhotoStory): Promise<SharedPhoto | undefined> {
	let photo = leadPhotos.get(story.id);
	if (!photo) {
		photo = createLeadPhoto(story);
		// In development an edited story must show its new photo; in a build every story is read once.
		if (!import.meta.env.DEV) leadPhotos.set(story.id, photo);
	}
	return photo;
}

async function createLeadPhoto(story: PhotoStory): Promise<SharedPhoto | undefined> {
	const image = story.data.image;
	if (!image) return undefined;
	const described = { alt: image.alt, caption: image.caption, credit: image.credit };
	if (typeof image.src === 'string') return { url: image.src, ...described };
	const width = Math.min(SHARED_PHOTO_WIDTH, image.src.width);
	const result = await getImage({ src: image.src, width, format: 'jpeg' });
	return {
		url: toAbsolute(result.src),
		type: 'image/jpeg',
		width: Number(result.attributes.width ?? width),
		height: Number(result.attributes.height ?? Math.round((width * image.src.height) / image.src.width)),
		...described,
	};
}

const ASTRO_IMAGE = /<img __ASTRO_IMAGE_="([^"]*)"\s*\/?>/g;

/**
 * The stored HTML of a story with each local photo of its text turned into a plain `<img>` with an absolute
 * address, width and height, for feed readers (which never run Astro's own replacement).
 */
export async function resolveFeedPhotos(story: PhotoStory, html: string): Promise<string> {
	const bodyImages = story.data.bodyImages ?? [];
	if (bodyImages.length === 0) return html;
	const found = new Map(bodyImages.flatMap((item) => (typeof item.src === 'string' ? [] : [[item.path, item.src] as const])));
	const replacements = new Map<string, string>();
	for (const [whole, encoded] of html.matchAll(ASTRO_IMAGE)) {
		const options = JSON.parse(decodeAttribute(encoded!)) as { src: string; alt?: string };
		const file: ImageMetadata | undefined = found.get(options.src);
		if (!file) throw new Error(`${story.id}: the photo "${options.src}" in the text was not handed to the image pipeline`);
		const width = Math.min(FEED_BODY_PHOTO_WIDTH, file.width);
		const result = await getImage({ src: file, width, format: 'jpeg' });
		const attributes = { src: toAbsolute(result.src), alt: options.alt ?? '', width: String(result.attributes.width ?? width), height: String(result.attributes.height ?? '') };
		replacements.set(whole, `<img ${Object.entries(attributes).filter(([, value]) => value !== '').map(([name, value]) => `${name}="${encodeAttribute(value)}"`).join(' ')}>`);
	}
	return html.replace(ASTRO_IMAGE, (whole) => replacements.get(whole) ?? whole);
}

function decodeAttribute(value: string): string {
	return value.replace(/&#x22;|&quot;/g, '"').replace(/&#x27;|&apos;/g, "'").replace(/&#x26;|&amp;/g, '&');
}

function encodeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
