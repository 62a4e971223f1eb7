/**
 * The photos of one article, checked and handed to Astro's image pipeline: the front-matter's lead photo
 * (`image`) and the images in its text. A local file must exist next to the article, inside the content
 * folder, and decode as a photo; a remote address is refused unless the site allows remote images.
 * The loader calls `fingerprintArticleImages` (cheap: file sizes and times, part of the entry's digest) for
 * every article, and `resolveArticleImages` (reads and decodes) only for the ones it renders again.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ArticleImage } from '../model/article-schema.ts';
import { ASTRO_IMAGE_ATTRIBUTE, getLocalImagePath, type BodyImages } from '../model/markdown.ts';
import type { ArticleProblem } from '../model/parse-article.ts';

/** What Astro's content store turns into the imported image (`ImageMetadata`) when an entry is read. */
export const IMAGE_IMPORT_PREFIX = '__ASTRO_IMAGE_';

/** Widest a photo in the text is shown, in CSS pixels (the text column); larger files get a srcset up to twice this. */
export const BODY_IMAGE_WIDTH = 720;

/** Decoded formats accepted as photos; an SVG is refused even when named `.jpg`, since it can carry script. */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff', 'heif']);

/** The settings that decide what an article may point at. */
export interface ArticleImagePolicy {
	/** Absolute path of the project root; article files are relative to it. */
	root: string;
	/** Absolute path of the content folder: no photo may live outside it. */
	contentDirectory: string;
	/** Whether `https:` photos may be published as they are (hotlinked). */
	remoteImages: boolean;
}

/** The entry fields the photos add: the lead photo, and each local photo of the text for feeds. */
export interface ArticleImageFields {
	/** The lead photo; `src` carries Astro's import prefix for a local file, or the remote address. */
	image?: ArticleImage;
	/** Local photos of the text: the address as written in the HTML (`./quay.jpg`), and the import. */
	bodyImages: { path: string; src: string }[];
}

/** The outcome of checking one article's photos. */
export interface ResolvedArticleImages {
	fields: ArticleImageFields;
	/** The rendered HTML with each local photo's display width set (its own, or the column's when wider). */
	html: string;
	problems: ArticleProblem[];
	/** Images left as written (`/logo.png`, `x`), for the build log. */
	warnings: string[];
}

function isRemote(src: string): boolean {
	return /^(?:https?:)?\/\//i.test(src);
}

function resolveNextTo(file: string, relative: string, policy: ArticleImagePolicy): string {
	return path.resolve(policy.root, path.dirname(file), relative);
}

/**
 * A short string that changes whenever one of the article's photo files changes, appears or disappears:
 * the lead photo's and (from the last build) the text's photos' sizes and modification times.
 */
export async function fingerprintArticleImages(
	file: string,
	image: ArticleImage | undefined,
	previousBodyImages: readonly { path: string }[] | undefined,
	policy: ArticleImagePolicy,
): Promise<string> {
	const paths = [...(image && !isRemote(image.src) ? [image.src] : []), ...(previousBodyImages ?? []).map((item) => item.path)];
	const parts = await Promise.all(
		paths.map(async (relative) => {
			try {
				const info = await stat(resolveNextTo(file, relative, policy));
				return `${relative}:${info.size}:${info.mtimeMs}`;
			} catch {
				return `${relative}:missing`;
			}
		}),
	);
	return parts.join('\n');
}

/**
 * Checks one photo file: inside the content folder, present, and decodable as a photo. Returns why not,
 * or `undefined` when it is fine.
 */
export async function checkPhotoFile(absolute: string, policy: ArticleImagePolicy): Promise<{ problem: string } | { width: number }> {
	const inside = (folder: string, target: string) => {
		const relative = path.relative(folder, target);
		return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
	};
	if (!inside(policy.contentDirectory, absolute)) return { problem: 'is outside the content folder; keep photos next to their articles' };
	let real: string;
	try {
		real = await realpath(absolute);
	} catch {
		return { problem: 'is missing: no such file next to the article' };
	}
	if (!inside(await realpath(policy.contentDirectory), real)) return { problem: 'links outside the content folder; keep photos next to their articles' };
	try {
		const bytes = await readFile(real);
		const decoder = sharp(bytes, { failOn: 'truncated' });
		const { format, width } = await decoder.metadata();
		if (!format || !PHOTO_FORMATS.has(format)) return { problem: `is not a photo (${format ?? 'unknown format'}); use JPEG, PNG, WebP, AVIF or GIF` };
		// Decoding every pixel is the only way to find a file that is cut short or corrupt past its header.
		await decoder.stats();
		return { width };
	} catch (error) {
		return { problem: `cannot be decoded as a photo (${(error as Error).message.split('\n')[0]})` };
	}
}

/**
 * Checks an article's lead photo and the images of its rendered text, and returns the entry fields that
 * hand the local files to Astro's image pipeline. Every problem names the article and the field.
 * @example resolveArticleImages('content/articles/a.md', { src: 'quay.jpg', alt: 'The quay' }, rendered.images, policy)
 */
export async function resolveArticleImages(
	file: string,
	image: ArticleImage | undefined,
	rendered: { html: string; images: BodyImages },
	policy: ArticleImagePolicy,
): Promise<ResolvedArticleImages> {
	const body = rendered.images;
	const widths = new Map<string, number>();
	const problems: ArticleProblem[] = [];
	const allowRemote = 'or allow remote photos in the site settings (remoteImages: true)';
	const fields: ArticleImageFields = { bodyImages: [] };

	if (image) {
		if (isRemote(image.src)) {
			if (policy.remoteImages) fields.image = image;
			else problems.push({ file, field: 'image.src', message: `"${image.src}" is a remote address; save the photo next to the article, ${allowRemote}` });
		} else {
			const relative = getLocalImagePath(image.src);
			const checked = relative === undefined ? undefined : await checkPhotoFile(resolveNextTo(file, relative, policy), policy);
			if (relative === undefined) {
				problems.push({ file, field: 'image.src', message: `"${image.src}" is not a photo file the archive can optimise; use .jpg, .png, .webp, .avif or .gif` });
			} else if (checked && 'problem' in checked) {
				problems.push({ file, field: 'image.src', message: `"${image.src}" ${checked.problem}` });
			} else {
				fields.image = { ...image, src: `${IMAGE_IMPORT_PREFIX}${toImportPath(relative)}` };
			}
		}
	}

	for (const src of new Set(body.local)) {
		const checked = await checkPhotoFile(resolveNextTo(file, src, policy), policy);
		if ('problem' in checked) {
			problems.push({ file, message: `the photo "${src}" in the text ${checked.problem}` });
		} else {
			fields.bodyImages.push({ path: src, src: `${IMAGE_IMPORT_PREFIX}${src}` });
			widths.set(src, Math.min(checked.width, BODY_IMAGE_WIDTH));
		}
	}
	if (!policy.remoteImages) {
		for (const src of new Set(body.remote)) problems.push({ file, message: `the photo "${src}" in the text is a remote address; save it next to the article, ${allowRemote}` });
	}
	const warnings = [...new Set(body.other)].map((src) => `${file}: the image "${src}" in the text names no photo file next to the article; it is left as written`);
	return { fields, html: setBodyImageWidths(rendered.html, widths), problems, warnings };
}

const ASTRO_IMAGE = new RegExp(`${ASTRO_IMAGE_ATTRIBUTE}="([^"]*)"`, 'g');

/** Sets the display width of each local photo in rendered HTML (`src` → width), so none is shown wider than its file. */
export function setBodyImageWidths(html: string, widths: ReadonlyMap<string, number>): string {
	if (widths.size === 0) return html;
	return html.replace(ASTRO_IMAGE, (whole, encoded: string) => {
		const options = JSON.parse(encoded.replace(/&#x22;/g, '"').replace(/&quot;/g, '"').replace(/&#x26;/g, '&').replace(/&amp;/g, '&')) as { src: string };
		const width = widths.get(options.src);
		if (width === undefined) return whole;
		const json = JSON.stringify({ ...options, width });
		return `${ASTRO_IMAGE_ATTRIBUTE}="${json.replace(/&/g, '&#x26;').replace(/"/g, '&#x22;')}"`;
	});
}

/**
 * The files under `articles/` that some stored article shows as a photo, relative to the project root, so
 * the ledger doesn't list them as ignored.
 */
export function listShownPhotos(entries: Iterable<{ filePath?: string; data: Record<string, unknown> }>): Set<string> {
	const shown = new Set<string>();
	for (const { filePath, data } of entries) {
		if (!filePath) continue;
		const image = data.image as { src?: unknown } | undefined;
		const bodyImages = (data.bodyImages as { path: string }[] | undefined) ?? [];
		const sources = [...(typeof image?.src === 'string' ? [image.src] : []), ...bodyImages.map((item) => item.path)];
		for (const src of sources) {
			const relative = src.startsWith(IMAGE_IMPORT_PREFIX) ? src.slice(IMAGE_IMPORT_PREFIX.length) : src;
			if (isRemote(relative)) continue;
			shown.add(path.posix.normalize(path.posix.join(path.posix.dirname(filePath), relative)));
		}
	}
	return shown;
}

/** Astro resolves an import relative to the article only when it starts with `./` or `../`. */
function toImportPath(relative: string): string {
	return relative.startsWith('./') || relative.startsWith('../') ? relative : `./${relative}`;
}
