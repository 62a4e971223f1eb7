/**
 * Photos that come with an imported page: a browser's "Save page as…, complete" keeps them in a
 * `<page>_files/` folder next to the `.html` file. Each photo of the story is copied into a `photos/` folder
 * next to the article, under a name made from its content (`photos/3f2a9c1e-tunnel.jpg`), so the article
 * never points at another server, the same photo is stored once, and importing again writes nothing new.
 * A photo that wasn't saved with the page is left out and named in the report, unless
 * `--keep-remote-images` keeps its address (the site then needs `remoteImages: true`). A WordPress export's
 * images are found the same way in a copy of the site's uploads folder beside the export.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The folder, next to the article, that imported photos go into; article Markdown names them relative to it. */
export const IMPORTED_PHOTO_FOLDER = 'photos';

/** Largest photo copied, in bytes: a news photo is far smaller; anything bigger is likely not a photo. */
export const MAX_IMPORTED_PHOTO_BYTES = 25 * 1024 * 1024;

/** A photo to copy into the archive: from the saved page's folder to a name relative to the article's folder. */
export interface PhotoCopy {
	/** Absolute path of the saved file. */
	from: string;
	/** Where the article's Markdown points: `photos/3f2a9c1e-tunnel.jpg`. */
	ref: string;
}

/** What becomes of one image address of a page. */
export type PlacedPhoto = { ref: string } | { remote: string } | { dropped: string };

/** Finds the saved file of each image address of one page, and remembers what to copy and what was left out. */
export interface PhotoPlacer {
	/** Where the article should point for this address, whether it is kept as a remote address, or why it was dropped. */
	place(src: string, alt?: string): PlacedPhoto;
	/** The photos to copy, once each. */
	readonly copies: PhotoCopy[];
	/** Images left out, for the import report. */
	readonly leftOut: string[];
	/** Notes one more image left out, with the reason. */
	leaveOut(reason: string): void;
}

/** File signatures of the photo formats the site's image pipeline reads; SVG is never copied (it can carry script). */
const SIGNATURES: { extension: string; test: (bytes: Buffer) => boolean }[] = [
	{ extension: 'jpg', test: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff },
	{ extension: 'png', test: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
	{ extension: 'gif', test: (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8' },
	{ extension: 'webp', test: (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP' },
	{ extension: 'avif', test: (bytes) => bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^avi[fs]$/.test(bytes.subarray(8, 12).toString('latin1')) },
];

/** The photo format of some bytes, by their signature, or `undefined` when they are not a photo. */
export function detectPhotoFormat(bytes: Buffer): string | undefined {
	return SIGNATURES.find((signature) => signature.test(bytes))?.extension;
}

/**
 * A placer for the page saved at `htmlFile`: a relative address is looked up next to the page (never
 * outside its folder), a remote one in the page's `_files/` folder by its file name.
 * @example createPhotoPlacer('/saved/Tunnel opens.html', false).place('./Tunnel opens_files/tunnel.jpg')
 */
export function createPhotoPlacer(htmlFile: string, keepRemoteImages: boolean): PhotoPlacer {
	const folder = path.dirname(htmlFile);
	const savedFolders = ['_files', '_archivos', '-Dateien', '_fichiers'].map((suffix) => path.join(folder, `${path.basename(htmlFile).replace(/\.[^.]+$/, '')}${suffix}`));
	const find = (src: string): string | undefined => {
		if (/^https?:\/\//i.test(src) || src.startsWith('//')) {
			let name: string;
			try {
				name = decodeURIComponent(new URL(src, 'https://x.invalid/').pathname.split('/').pop() ?? '');
			} catch {
				return undefined;
			}
			if (!name) return undefined;
			return savedFolders.map((saved) => path.join(saved, name)).find((candidate) => isFile(candidate));
		}
		if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) return undefined;
		let relative: string;
		try {
			relative = decodeURIComponent(src.replace(/[?#].*$/s, ''));
		} catch {
			return undefined;
		}
		return findInside(folder, relative);
	};
	return createPlacer(find, keepRemoteImages, {
		remote: 'not saved with the page; save the page complete, or pass --keep-remote-images to link it',
		local: 'no such photo saved with the page',
	});
}

/**
 * A placer for the posts of the WordPress export `exportFile`. There is no network: an image of the site's media
 * library (`https://site/wp-content/uploads/2020/01/x.jpg`, or `/wp-content/uploads/…`) is looked up in a copy of
 * the uploads folder beside the export, `wp-content/uploads/2020/01/x.jpg` or `uploads/2020/01/x.jpg`; a resized
 * copy WordPress made (`x-300x200.jpg`) falls back to its original (`x.jpg`) when only that was kept.
 * @example createUploadsPlacer('/backup/site.WordPress.2024-03-12.xml', false).place('https://site.example/wp-content/uploads/2024/03/board.jpg')
 */
export function createUploadsPlacer(exportFile: string, keepRemoteImages: boolean): PhotoPlacer {
	const folder = path.dirname(exportFile);
	const uploadFolders = [path.join(folder, 'wp-content', 'uploads'), path.join(folder, 'uploads')];
	const find = (src: string): string | undefined => {
		const relative = readUploadPath(src);
		if (!relative) return undefined;
		const original = relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
		for (const name of relative === original ? [relative] : [relative, original]) {
			for (const uploads of uploadFolders) {
				const found = findInside(uploads, name);
				if (found) return found;
			}
		}
		return undefined;
	};
	return createPlacer(find, keepRemoteImages, {
		remote: 'not in a copy of the uploads beside the export (wp-content/uploads/…); copy the site’s wp-content/uploads folder next to the export, or pass --keep-remote-images to link it',
		local: 'not in a copy of the uploads beside the export (wp-content/uploads/…)',
	});
}

/** The path inside WordPress's uploads folder that an image address names: `…/wp-content/uploads/2020/01/x.jpg` → `2020/01/x.jpg`. */
function readUploadPath(src: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !/^https?:/i.test(src)) return undefined;
	let pathname: string;
	try {
		pathname = decodeURIComponent(new URL(src, 'https://x.invalid/').pathname);
	} catch {
		return undefined;
	}
	const match = /\/wp-content\/uploads\/(.+)$/.exec(pathname);
	return match?.[1];
}

/** `relative` resolved inside `folder` when it is a file there, never outside it. */
function findInside(folder: string, relative: string): string | undefined {
	const candidate = path.resolve(folder, relative);
	const inside = path.relative(folder, candidate);
	return inside && !inside.startsWith('..') && !path.isAbsolute(inside) && isFile(candidate) ? candidate : undefined;
}

/** A placer that finds an address's file with `find`; `missing` says why an address with no file is left out. */
function createPlacer(find: (src: string) => string | undefined, keepRemoteImages: boolean, missing: { remote: string; local: string }): PhotoPlacer {
	const copies = new Map<string, PhotoCopy>();
	const leftOut: string[] = [];
	const placed = new Map<string, PlacedPhoto>();

	const decide = (src: string, alt: string | undefined): PlacedPhoto => {
		const label = `image "${src}"${alt ? ` (${alt})` : ''}`;
		const file = find(src);
		if (file) {
			if (statSync(file).size > MAX_IMPORTED_PHOTO_BYTES) return { dropped: `${label}: the saved file is larger than ${MAX_IMPORTED_PHOTO_BYTES / 1024 / 1024} MB` };
			const bytes = readFileSync(file);
			const format = detectPhotoFormat(bytes);
			if (!format) return { dropped: `${label}: the saved file is not a JPEG, PNG, GIF, WebP or AVIF photo` };
			const ref = `${IMPORTED_PHOTO_FOLDER}/${getPhotoName(bytes, path.basename(file), format)}`;
			copies.set(ref, { from: file, ref });
			return { ref };
		}
		if (/^https?:\/\//i.test(src)) {
			if (keepRemoteImages) return { remote: src };
			return { dropped: `${label}: ${missing.remote}` };
		}
		return { dropped: `${label}: ${missing.local}` };
	};

	return {
		place(src, alt) {
			const key = src.trim();
			let result = placed.get(key);
			if (!result) {
				result = decide(key, alt);
				placed.set(key, result);
				if ('dropped' in result) leftOut.push(result.dropped);
			}
			return result;
		},
		get copies() {
			return [...copies.values()];
		},
		leftOut,
		leaveOut(reason) {
			leftOut.push(reason);
		},
	};
}

/**
 * A photo's file name in the archive: the first 8 hex digits of its SHA-256, then its own name made safe
 * (letters, digits, `-`), with the extension of its real format.
 * @example getPhotoName(bytes, 'Tunnel at Dawn (1).JPG', 'jpg') // '3f2a9c1e-tunnel-at-dawn-1.jpg'
 */
export function getPhotoName(bytes: Buffer, name: string, format: string): string {
	const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
	const stem = name
		.replace(/\.[^.]*$/, '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return `${hash}${stem ? `-${stem}` : ''}.${format}`;
}

/**
 * Copies an article's photos into `folder` (the folder the article is written to), atomically and without
 * ever replacing a file: a name already holding the same bytes is left as it is (the same photo, imported
 * before). Returns the files written, so they can be removed if the article itself can't be written.
 */
export function writePhotos(copies: readonly PhotoCopy[], folder: string): string[] {
	const written: string[] = [];
	try {
		for (const { from, ref } of copies) {
			const target = path.join(folder, ref);
			const bytes = readFileSync(from);
			if (existsSync(target)) {
				if (readFileSync(target).equals(bytes)) continue;
				throw new Error(`${target} already holds a different photo`);
			}
			mkdirSync(path.dirname(target), { recursive: true });
			const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
			writeFileSync(temporary, bytes, { flag: 'wx' });
			try {
				linkSync(temporary, target);
				unlinkSync(temporary);
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if ((code !== 'EPERM' && code !== 'ENOTSUP') || existsSync(target)) {
					unlinkSync(temporary);
					throw error;
				}
				renameSync(temporary, target);
			}
			written.push(target);
		}
	} catch (error) {
		removeFiles(written);
		throw error;
	}
	return written;
}

/** Removes files this import wrote, when the article they belong to could not be written after all. */
export function removeFiles(files: readonly string[]): void {
	for (const file of files) {
		try {
			unlinkSync(file);
		} catch {
			// Already gone: nothing to undo.
		}
	}
}

function isFile(file: string): boolean {
	try {
		return statSync(file).isFile();
	} catch {
		return false;
	}
}
