/**
 * The picture link previews show (`og:image`): a story's own photo when it has one, otherwise the site's
 * image — a 1200×630 PNG drawn here, a front page in the archive's colours, written without any image
 * library (`node:zlib` deflates it).
 */
import { crc32, deflateSync } from 'node:zlib';
import type { StoryContext } from '../derived/story-context.ts';
import { getDefaultImagePath } from '../model/urls.ts';

/** A story's lead photo, as far as link previews need it. */
export interface StoryImage {
	/** An absolute address, or a root-relative path on this site. */
	src: string;
	alt: string;
}

/** The image a link preview shows, with whether it is the story's own. */
export interface SocialImage {
	url: string;
	alt: string;
	own: boolean;
}

/**
 * The story's photo, or the site's image when it has none.
 * @example getSocialImage(undefined, context) // { url: 'https://news.example.org/og-image.png', alt: 'Gazette', own: false }
 */
export function getSocialImage(image: StoryImage | undefined, context: Pick<StoryContext, 'absoluteUrl' | 'siteTitle'>): SocialImage {
	if (image) return { url: /^https?:\/\//.test(image.src) ? image.src : context.absoluteUrl(image.src), alt: image.alt, own: true };
	return { url: context.absoluteUrl(getDefaultImagePath()), alt: context.siteTitle, own: false };
}

/** Width and height of the site's image: the size link previews ask for. */
export const DEFAULT_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/** The colours the site's image is drawn in, as `#rrggbb`. */
export interface ImageColours {
	paper: string;
	ink: string;
	accent: string;
	rule: string;
}

/**
 * The site's image as PNG bytes: a masthead rule, an accent bar and columns of grey "text" on paper.
 * Colours that are not `#rrggbb` (a keeper may write any CSS colour) fall back to the defaults.
 */
export function renderDefaultImage(colours: ImageColours): Uint8Array<ArrayBuffer> {
	const { width, height } = DEFAULT_IMAGE_SIZE;
	const paper = parseHex(colours.paper, [0xfb, 0xfa, 0xf7]);
	const ink = parseHex(colours.ink, [0x12, 0x12, 0x12]);
	const accent = parseHex(colours.accent, [0xa3, 0x16, 0x1c]);
	const rule = parseHex(colours.rule, [0xda, 0xd6, 0xcd]);
	const pixels = Buffer.alloc((width * 3 + 1) * height);
	const fill = (x0: number, y0: number, x1: number, y1: number, colour: readonly number[]) => {
		for (let y = y0; y < y1; y++) {
			for (let x = x0; x < x1; x++) {
				const at = y * (width * 3 + 1) + 1 + x * 3;
				pixels[at] = colour[0]!;
				pixels[at + 1] = colour[1]!;
				pixels[at + 2] = colour[2]!;
			}
		}
	};
	fill(0, 0, width, height, paper);
	fill(0, 0, width, 18, ink);
	// The masthead: a block for the title, then the double rule under it.
	fill(300, 70, 900, 130, ink);
	fill(60, 168, 1140, 174, ink);
	fill(60, 180, 1140, 182, ink);
	// The lead story: a headline in the accent colour, then its lines of text; two columns beside it.
	fill(60, 220, 700, 262, accent);
	fill(60, 276, 560, 300, accent);
	for (let line = 0; line < 9; line++) fill(60, 330 + line * 30, line === 8 ? 420 : 700, 342 + line * 30, rule);
	for (const left of [760, 960]) {
		fill(left, 220, left + 180, 244, ink);
		for (let line = 0; line < 11; line++) fill(left, 266 + line * 28, line % 4 === 3 ? left + 110 : left + 180, 276 + line * 28, rule);
	}
	fill(0, height - 10, width, height, ink);
	return encodePng(width, height, pixels);
}

function parseHex(colour: string, fallback: readonly number[]): readonly number[] {
	const match = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(colour.trim());
	return match ? [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)] : fallback;
}

/** A PNG of 8-bit RGB rows, each already prefixed with its filter byte (0). */
function encodePng(width: number, height: number, rows: Buffer): Uint8Array<ArrayBuffer> {
	const chunk = (type: string, data: Buffer) => {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(data.length, 0);
		head.write(type, 4, 'ascii');
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
		return Buffer.concat([head, data, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
}
