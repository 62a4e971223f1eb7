import { describe, expect, test } from 'vitest';
import { collectGarbageAbove } from '../../src/integrations/memory.ts';

describe('a full garbage collection before the bundler starts', () => {
	test('collects only when the heap holds more than the threshold, and frees what is garbage', () => {
		expect(collectGarbageAbove(Number.MAX_SAFE_INTEGER)).toBeUndefined();
		let garbage: { index: number; text: string }[] | undefined = Array.from({ length: 500_000 }, (_, index) => ({ index, text: `story ${index}` }));
		expect(garbage.length).toBe(500_000);
		garbage = undefined;
		const collected = collectGarbageAbove(0);
		expect(collected).toBeDefined();
		// Half a million small objects are well over 10 MB; once collected they are gone.
		expect(collected!.before - collected!.after).toBeGreaterThan(10 * 1024 * 1024);
	});
});
