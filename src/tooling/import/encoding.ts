/** How an input file's bytes were read. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The text of an input file, or why it has none. */
export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: string };

/** Byte values that Windows-1252 leaves undefined: a file holding them is not Windows-1252 text. */
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Turns an input file's bytes into text with Unix line ends: UTF-8 (a BOM is dropped), UTF-16 with a BOM,
 * or Windows-1252 (which covers Latin-1's printable characters) when the bytes are not valid UTF-8.
 * Decoding is strict: binary or undecodable files are refused with a reason, so no U+FFFD ever stands in
 * for a character that was lost (a U+FFFD the author typed, in a post about Unicode, is kept).
 * @example decodeText(new Uint8Array([0xa3, 0x35])) // { ok: true, text: '£5', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
	if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
	const bom: TextEncodingName | undefined =
		bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
	let encoding: TextEncodingName = bom ?? 'utf-8';
	let text = tryDecode(bytes, encoding);
	if (text === undefined && bom) {
		return { ok: false, reason: `the file starts with a ${bom.toUpperCase()} byte-order mark but is not valid ${bom.toUpperCase()}` };
	}
	if (text === undefined) {
		const undefinedByte = bytes.find((byte) => UNDEFINED_IN_WINDOWS_1252.has(byte));
		if (undefinedByte !== undefined) {
			return {
				ok: false,
				reason: `the text is neither UTF-8 nor Windows-1252 (byte 0x${undefinedByte.toString(16)} means nothing in either); convert it to UTF-8`,
			};
		}
		const mixed = findMixedUtf8(bytes);
		if (mixed !== undefined) {
			return {
				ok: false,
				reason: `the file is UTF-8 with invalid bytes from offset ${mixed} on (a damaged or mixed-encoding file); repair it before importing`,
			};
		}
		encoding = 'windows-1252';
		text = tryDecode(bytes, encoding)!;
	}
	if (text.includes('\u0000')) {
		return {
			ok: false,
			reason: looksLikeBomlessUtf16(bytes)
				? 'the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)'
				: 'the file holds NUL bytes; it looks like binary data, not text',
		};
	}
	// Form feeds separated pages in old wire and typewriter text; they mean a paragraph break.
	text = text.replace(/\f/g, '\n\n');
	if (/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) {
		return { ok: false, reason: 'the file holds control characters; it looks like binary data, not text' };
	}
	text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	if (text.trim() === '') return { ok: false, reason: 'the file holds only white space' };
	return { ok: true, text, encoding };
}

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): string | undefined {
	try {
		return new TextDecoder(encoding, { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}

/**
 * The offset of the first invalid byte when the file also holds well-formed multi-byte UTF-8: decoding it as
 * Windows-1252 would turn its accented letters into mojibake (`Ã©`), so such a file is refused instead.
 */
function findMixedUtf8(bytes: Uint8Array): number | undefined {
	let validSequences = 0;
	let firstInvalid: number | undefined;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index]!;
		if (byte < 0x80) continue;
		const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
		let valid = length > 0;
		for (let next = 1; valid && next < length; next++) valid = ((bytes[index + next] ?? 0) & 0xc0) === 0x80;
		if (valid) {
			validSequences++;
			index += length - 1;
		} else {
			firstInvalid ??= index;
		}
	}
	return validSequences > 0 ? firstInvalid : undefined;
}

/** Plain-ASCII text saved as UTF-16 has a NUL in every other byte. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
	const sample = bytes.subarray(0, 2000);
	let evenNuls = 0;
	let oddNuls = 0;
	sample.forEach((byte, index) => {
		if (byte === 0) index % 2 === 0 ? evenNuls++ : oddNuls++;
	});
	return Math.max(evenNuls, oddNuls) > sample.length * 0.3 && Math.min(evenNuls, oddNuls) === 0;
}
