import { describe, expect, test } from 'vitest';
import { decodeText } from '../../src/tooling/import/encoding.ts';

const utf16 = (text: string, order: 'le' | 'be') => {
	const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
	return order === 'le' ? le : Buffer.from(le.map((_, index) => le[index % 2 === 0 ? index + 1 : index - 1]!));
};

describe('decodeText', () => {
	test.each([
		['UTF-8', Buffer.from('Price: £5 — “quoted”', 'utf8'), 'utf-8'],
		['UTF-8 with a byte-order mark, which is dropped', Buffer.from('\uFEFFPrice: £5', 'utf8'), 'utf-8'],
		['UTF-16 little-endian with a byte-order mark', utf16('Price: £5 — “quoted”', 'le'), 'utf-16le'],
		['UTF-16 big-endian with a byte-order mark', utf16('Price: £5 — “quoted”', 'be'), 'utf-16be'],
	])('reads %s', (_, bytes, encoding) => {
		const decoded = decodeText(bytes);
		expect(decoded).toMatchObject({ ok: true, encoding });
		if (decoded.ok) expect(decoded.text.startsWith('Price: £5')).toBe(true);
	});

	test('reads Windows-1252 bytes as the pound sign, dashes and curly quotes they stand for', () => {
		const bytes = Buffer.from([0x50, 0xa3, 0x35, 0x20, 0x97, 0x20, 0x93, 0x68, 0x69, 0x94, 0x20, 0x80, 0x31]);
		expect(decodeText(bytes)).toEqual({ ok: true, text: 'P£5 — “hi” €1', encoding: 'windows-1252' });
	});

	test('reads a Latin-1 é and ñ the same way', () => {
		expect(decodeText(Buffer.from('Café España', 'latin1'))).toEqual({ ok: true, text: 'Café España', encoding: 'windows-1252' });
	});

	test('turns Windows and old Mac line ends into Unix ones', () => {
		expect(decodeText(Buffer.from('a\r\nb\rc\n'))).toMatchObject({ ok: true, text: 'a\nb\nc\n' });
	});

	test.each([
		['an empty file', Buffer.alloc(0), /empty/],
		['a file of white space', Buffer.from(' \n\t\n'), /white space/],
		['bytes that mean nothing in UTF-8 or Windows-1252', Buffer.from([0x41, 0x81, 0x42]), /neither UTF-8 nor Windows-1252.*0x81/],
		['UTF-8 damaged part-way through', Buffer.concat([Buffer.from('Café '), Buffer.from([0xe9, 0x20, 0x41])]), /invalid bytes from offset 6/],
		['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), /NUL bytes|control characters/],
		['UTF-16 without a byte-order mark', Buffer.from('Hello, world', 'utf16le'), /UTF-16 without a byte-order mark/],
		['a UTF-16 byte-order mark followed by an odd number of bytes', Buffer.from([0xff, 0xfe, 0x41]), /not valid UTF-16LE/],
	])('refuses %s with a reason', (_, bytes, reason) => {
		const decoded = decodeText(bytes);
		expect(decoded.ok).toBe(false);
		if (!decoded.ok) expect(decoded.reason).toMatch(reason);
	});

	test('never puts a replacement character where a byte could not be read', () => {
		for (const bytes of [Buffer.from([0x41, 0x81]), Buffer.from([0xc3, 0x28, 0xc3, 0xa9])]) {
			const decoded = decodeText(bytes);
			expect(decoded.ok ? decoded.text : '').not.toContain('\uFFFD');
		}
	});
});
