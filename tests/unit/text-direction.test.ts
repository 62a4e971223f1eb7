import { describe, expect, test } from 'vitest';
import { getTextDirection } from '../../src/model/text-direction.ts';

describe('getTextDirection', () => {
	test.each([
		['ar', 'rtl'],
		['ar-EG', 'rtl'],
		['he', 'rtl'],
		['fa-IR', 'rtl'],
		['ur', 'rtl'],
		['yi', 'rtl'],
		['ckb', 'rtl'],
		['az-Arab', 'rtl'],
		['en', 'ltr'],
		['de-CH', 'ltr'],
		['zh-Hans', 'ltr'],
		['ku', 'ltr'],
		['ar-Latn', 'ltr'],
	])('%s is written %s', (lang, direction) => {
		expect(getTextDirection(lang)).toBe(direction);
	});

	test.each([undefined, '', 'not a language'])('%j falls back to left-to-right', (lang) => {
		expect(getTextDirection(lang)).toBe('ltr');
	});
});
