import { describe, expect, test } from 'vitest';
import { getPageNumbers } from '../../src/outputs/page-numbers.ts';

describe('getPageNumbers', () => {
	test.each([
		[1, 1, [1]],
		[1, 3, [1, 2, 3]],
		[1, 4, [1, 2, 3, 4]],
		[1, 6, [1, 2, 'gap', 6]],
		[4, 6, [1, 2, 3, 4, 5, 6]],
		[6, 20, [1, 'gap', 5, 6, 7, 'gap', 20]],
		[20, 20, [1, 'gap', 19, 20]],
	])('page %d of %d shows %j', (current, total, expected) => {
		expect(getPageNumbers(current, total)).toEqual(expected);
	});

	test('never hides a single page behind a gap', () => {
		for (let total = 1; total <= 30; total++) {
			for (let current = 1; current <= total; current++) {
				const items = getPageNumbers(current, total);
				items.forEach((item, index) => {
					if (item !== 'gap') return;
					const before = items[index - 1] as number;
					const after = items[index + 1] as number;
					expect(after - before, `page ${current} of ${total}`).toBeGreaterThan(2);
				});
				expect(items).toContain(current);
			}
		}
	});
});
