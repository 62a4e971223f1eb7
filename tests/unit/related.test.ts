import { describe, expect, test } from 'vitest';
import { computeRelated, RELATED_LIMIT, type RelatedFacts } from '../../src/derived/related.ts';

const DAY = 86_400_000;
const day = (n: number) => Date.UTC(2025, 0, 1) + n * DAY;

function story(id: string, dayNumber: number, names: Partial<Pick<RelatedFacts, 'bylines' | 'source' | 'topics'>> = {}): RelatedFacts {
	return { id, time: day(dayNumber), bylines: names.bylines ?? [], source: names.source ?? 'Wire', topics: names.topics ?? [] };
}

const ids = (list: readonly RelatedFacts[] | undefined) => (list ?? []).map((item) => item.id);
const related = (stories: RelatedFacts[], options = {}) => computeRelated(stories, (item) => item, options);

/** A seeded generator, so the generated archive is the same on every run. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function generateArchive(count: number): RelatedFacts[] {
	const next = random(7);
	return Array.from({ length: count }, (_, index) => ({
		id: `story-${index}`,
		time: day(Math.floor(next() * 3650)),
		bylines: [`Reporter ${Math.floor(next() * 400)}`, ...(next() < 0.3 ? [`Reporter ${Math.floor(next() * 400)}`] : [])],
		source: `Source ${Math.floor(next() * 8)}`,
		topics: [`Topic ${Math.floor(next() * 600)}`, `Topic ${Math.floor(next() * 60)}`],
	}));
}

describe('computeRelated', () => {
	test('a story is never related to itself, and gets at most five', () => {
		const stories = Array.from({ length: 20 }, (_, index) => story(`s${index}`, index, { topics: [index < 12 ? 'Harbour' : 'Weather'], source: `Paper ${index}` }));
		for (const [id, list] of related(stories)) {
			expect(ids(list)).not.toContain(id);
			expect(list.length).toBeLessThanOrEqual(RELATED_LIMIT);
		}
		expect(related(stories).get('s0')).toHaveLength(RELATED_LIMIT);
	});

	test('a shared rare topic counts for more than a shared common source', () => {
		const stories = [
			story('target', 10, { source: 'CNN', topics: ['Ferries'] }),
			story('same-source', 10, { source: 'CNN' }),
			story('same-topic', 10, { source: 'Reuters', topics: ['Ferries'] }),
			...Array.from({ length: 20 }, (_, index) => story(`filler-${index}`, 100 + index, { source: 'CNN' })),
		];
		expect(ids(related(stories).get('target'))[0]).toBe('same-topic');
	});

	test('two bylines and a topic in common outrank one byline in common', () => {
		const stories = [
			story('target', 0, { bylines: ['Jennifer Hansler', 'Kylie Atwood'], topics: ['Gaza'] }),
			story('one-byline', 1, { bylines: ['Kylie Atwood'] }),
			story('both-and-topic', 5, { bylines: ['Kylie Atwood', 'Jennifer Hansler'], topics: ['Gaza'] }),
			...Array.from({ length: 10 }, (_, index) => story(`other-${index}`, 50 + index, { bylines: ['Someone Else'] })),
		];
		expect(ids(related(stories).get('target'))).toEqual(['both-and-topic', 'one-byline']);
	});

	test('with the same names in common, the story nearer in time comes first', () => {
		const stories = [
			story('target', 100, { topics: ['Budget'] }),
			story('far', 400, { topics: ['Budget'] }),
			story('near', 95, { topics: ['Budget'] }),
			story('unrelated', 100, { topics: ['Sport'] }),
			story('unrelated-2', 100, { topics: ['Weather'] }),
		];
		expect(ids(related(stories).get('target'))).toEqual(['near', 'far']);
	});

	test('a story sharing nothing, or only a name every story has, has no related stories', () => {
		const stories = [story('a', 0, { topics: ['Harbour'] }), story('b', 1, { topics: ['Weather'] }), story('c', 2)];
		expect(related(stories).get('a')).toEqual([]);
		expect(related(stories).get('c')).toEqual([]);
	});

	test('the result does not depend on the order the stories come in, and equal scores fall back to the id', () => {
		const stories = generateArchive(500);
		const shuffled = [...stories].reverse();
		const first = related(stories);
		const second = related(shuffled);
		for (const item of stories) expect(ids(second.get(item.id))).toEqual(ids(first.get(item.id)));
		const twins = [story('target', 0, { topics: ['Port'] }), story('b', 3, { topics: ['Port'] }), story('a', -3, { topics: ['Port'] }), story('z', 90)];
		expect(ids(related(twins).get('target'))).toEqual(['a', 'b']);
	});

	test('a name on thousands of stories is read only around each story, so the work stays linear', () => {
		const stories = Array.from({ length: 3000 }, (_, index) => story(`s${index}`, index, { source: 'Everyone', topics: ['Common', `Pair ${index >> 1}`] }));
		const list = related(stories, { candidatesPerName: 10 }).get('s1500');
		expect(ids(list)[0]).toBe('s1501');
		for (const item of list ?? []) expect(Math.abs(item.time - day(1500))).toBeLessThanOrEqual(10 * DAY);
	});

	test('10,000 generated stories are related in under 1.5 s of CPU time (linear time guard; ~0.4 s measured)', () => {
		const stories = generateArchive(10_000);
		// CPU time, not the clock: the test machine is shared, and waiting for a core is not work done.
		const started = process.cpuUsage();
		const result = related(stories);
		const used = process.cpuUsage(started);
		expect(result.size).toBe(10_000);
		expect((used.user + used.system) / 1000).toBeLessThan(1_500);
	});
});
