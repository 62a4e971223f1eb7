/**
 * A full garbage collection at one chosen moment of a large build. Between the content sync and the bundling,
 * the main thread's heap holds the archive and the garbage of the sync and of the search records (at 100,000
 * stories 3.5 GB, of which 1.1 GB garbage), and V8 had not collected it when the bundler's threads started and
 * took another 0.6 GB: the build's peak, past 4 GB. Collecting first keeps the peak to what the build holds.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Above this much heap in use, the collection is worth its time (about 1 s at 100,000 stories). */
export const COLLECT_ABOVE_BYTES = 1024 ** 3;

let collect: (() => void) | undefined;

/**
 * Collects garbage when the heap holds more than `above` bytes; returns the bytes in use before and after, or
 * `undefined` when it did not collect. V8's `gc` is made available to this process on first use.
 */
export function collectGarbageAbove(above = COLLECT_ABOVE_BYTES): { before: number; after: number } | undefined {
	const before = v8.getHeapStatistics().used_heap_size;
	if (before <= above) return undefined;
	if (!collect) {
		v8.setFlagsFromString('--expose-gc');
		collect = vm.runInNewContext('gc') as () => void;
	}
	collect();
	return { before, after: v8.getHeapStatistics().used_heap_size };
}
