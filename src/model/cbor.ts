/**
 * The CBOR subset Pagefind's index files are written in (integers, text and byte strings, arrays, simple
 * values), read and written alike in the build (merging index parts, `pagefind-merge.ts`) and on the search
 * page (reading an index's filters, `index-filters.ts`): plain `Uint8Array`s, no Node buffers.
 */

/** A CBOR value of the kinds Pagefind's index files hold. */
export type CborValue = number | string | boolean | null | Uint8Array | CborValue[];

/**
 * Decodes the CBOR subset Pagefind writes: integers, text and byte strings, arrays, and simple values.
 * @example decodeCbor(Uint8Array.from([0x82, 0x01, 0x61, 0x61])) // [1, 'a']
 */
export function decodeCbor(bytes: Uint8Array): CborValue {
	const reader = createReader(bytes);
	const value = reader.read();
	reader.end();
	return value;
}

/**
 * The elements of the array at `path` in a CBOR value (each number the index of an element of an array, from
 * the outermost in), decoded one at a time, so that a long list is not held whole: the merge of the index's
 * parts holds one word of each of hundreds of parts, where it held a whole chunk of each.
 * @example [...decodeCborList(encodeCbor([[1, 2], 'x']), [0])] // [1, 2]
 */
export function* decodeCborList(bytes: Uint8Array, path: readonly number[]): Generator<CborValue, void> {
	const reader = createReader(bytes);
	let length = reader.readArrayHead();
	const lengths: number[] = [];
	for (const index of path) {
		if (index >= length) throw new Error(`Clippings: the CBOR array has no element ${index}`);
		for (let skipped = 0; skipped < index; skipped++) reader.read();
		lengths.push(length - index - 1);
		length = reader.readArrayHead();
	}
	for (let index = 0; index < length; index++) yield reader.read();
	// What follows the list, up to the end of the value.
	for (const after of lengths.reverse()) for (let skipped = 0; skipped < after; skipped++) reader.read();
	reader.end();
}

/** Reads CBOR items one after another from `bytes`. */
function createReader(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const text = new TextDecoder('utf-8', { fatal: true });
	let at = 0;
	const readLength = (info: number): number => {
		if (info < 24) return info;
		const size = info - 24;
		if (size > 3) throw new Error(`Clippings: unsupported CBOR length ${info} at byte ${at}`);
		const value = size === 0 ? view.getUint8(at) : size === 1 ? view.getUint16(at) : size === 2 ? view.getUint32(at) : Number(view.getBigUint64(at));
		at += 1 << size;
		return value;
	};
	const read = (): CborValue => {
		if (at >= bytes.length) throw new Error(`Clippings: the CBOR value ends early, at byte ${at}`);
		const initial = bytes[at++]!;
		const major = initial >> 5;
		const info = initial & 31;
		switch (major) {
			case 0:
				return readLength(info);
			case 1:
				return -1 - readLength(info);
			case 2:
			case 3: {
				const length = readLength(info);
				if (at + length > bytes.length) throw new Error(`Clippings: the CBOR value ends early, at byte ${at}`);
				const slice = bytes.subarray(at, at + length);
				at += length;
				return major === 3 ? decodeText(slice, text) : slice.slice();
			}
			case 4: {
				const length = readLength(info);
				const list: CborValue[] = new Array(length);
				for (let index = 0; index < length; index++) list[index] = read();
				return list;
			}
			case 7:
				if (info === 20 || info === 21) return info === 21;
				if (info === 22) return null;
		}
		throw new Error(`Clippings: unsupported CBOR item ${initial} at byte ${at - 1}`);
	};
	return {
		read,
		/** The length of the array that starts here. */
		readArrayHead(): number {
			if (at >= bytes.length) throw new Error(`Clippings: the CBOR value ends early, at byte ${at}`);
			const initial = bytes[at++]!;
			if (initial >> 5 !== 4) throw new Error(`Clippings: expected a CBOR array at byte ${at - 1}`);
			return readLength(initial & 31);
		},
		/** Fails unless every byte was read. */
		end(): void {
			if (at !== bytes.length) throw new Error(`Clippings: ${bytes.length - at} bytes after the CBOR value`);
		},
	};
}

/** UTF-8 text; most words of an index are short and ASCII, which is read without the decoder's overhead. */
function decodeText(slice: Uint8Array, decoder: TextDecoder): string {
	if (slice.length > 32) return decoder.decode(slice);
	let ascii = '';
	for (const byte of slice) {
		if (byte > 0x7f) return decoder.decode(slice);
		ascii += String.fromCharCode(byte);
	}
	return ascii;
}

/**
 * Encodes a value as CBOR, every length and integer in its shortest form (as Pagefind's encoder writes them).
 * @example encodeCbor([1, 'a']) // Uint8Array [0x82, 0x01, 0x61, 0x61]
 */
export function encodeCbor(value: CborValue): Uint8Array {
	let bytes = new Uint8Array(1024);
	let at = 0;
	const reserve = (size: number) => {
		if (at + size <= bytes.length) return;
		const grown = new Uint8Array(Math.max(bytes.length * 2, at + size));
		grown.set(bytes.subarray(0, at));
		bytes = grown;
	};
	const head = (major: number, length: number) => {
		reserve(9);
		const type = major << 5;
		if (length < 24) bytes[at++] = type | length;
		else if (length < 0x100) {
			bytes[at++] = type | 24;
			bytes[at++] = length;
		} else if (length < 0x10000) {
			bytes[at++] = type | 25;
			bytes[at++] = length >> 8;
			bytes[at++] = length & 0xff;
		} else if (length < 0x100000000) {
			bytes[at++] = type | 26;
			for (let shift = 24; shift >= 0; shift -= 8) bytes[at++] = Math.floor(length / 2 ** shift) & 0xff;
		} else {
			bytes[at++] = type | 27;
			for (let shift = 56; shift >= 0; shift -= 8) bytes[at++] = Number((BigInt(length) >> BigInt(shift)) & 0xffn);
		}
	};
	const encoder = new TextEncoder();
	const write = (item: CborValue) => {
		if (typeof item === 'number') {
			if (!Number.isSafeInteger(item)) throw new Error(`Clippings: ${item} is not an integer Pagefind's files hold`);
			if (item >= 0) head(0, item);
			else head(1, -1 - item);
		} else if (typeof item === 'string') {
			const text = encoder.encode(item);
			head(3, text.length);
			reserve(text.length);
			bytes.set(text, at);
			at += text.length;
		} else if (Array.isArray(item)) {
			head(4, item.length);
			for (const element of item) write(element);
		} else if (item instanceof Uint8Array) {
			head(2, item.length);
			reserve(item.length);
			bytes.set(item, at);
			at += item.length;
		} else {
			reserve(1);
			bytes[at++] = item === null ? 0xf6 : item ? 0xf5 : 0xf4;
		}
	};
	write(value);
	return bytes.slice(0, at);
}

