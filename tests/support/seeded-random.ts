/**
 * A small, fast, seeded random number generator (mulberry32): the same seed gives the same sequence on every
 * machine, so generated archives and benchmark queries are the same from run to run.
 * @example const random = createSeededRandom(1); random() // 0.627…, then always the same numbers
 */
export function createSeededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}
