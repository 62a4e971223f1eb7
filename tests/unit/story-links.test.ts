import { describe, expect, test } from 'vitest';
import { getStoryLinks, listLinkedPaths } from '../../src/derived/story-links.ts';

const slugs = (table: Record<string, string>) => ({ getSlug: (name: string) => table[name] ?? name.toLowerCase() });
const groupings = { bylines: slugs({ 'Anne Marie': 'anne-marie-2' }), sources: slugs({}), topics: slugs({ Gaza: 'gaza' }) };

describe('getStoryLinks', () => {
	test('each name leads to the page its grouping gave it, bylines in their order', () => {
		const links = getStoryLinks({ bylines: ['Anne Marie', 'Bo'], source: 'CNN', section: 'World', tags: ['Gaza'] }, groupings);
		expect(links).toEqual({
			bylines: [
				{ name: 'Anne Marie', path: '/bylines/anne-marie-2/' },
				{ name: 'Bo', path: '/bylines/bo/' },
			],
			source: { name: 'CNN', path: '/sources/cnn/' },
			section: { name: 'World', path: '/topics/world/' },
			tags: [{ name: 'Gaza', path: '/topics/gaza/' }],
		});
		expect(listLinkedPaths(links)).toEqual(['/bylines/anne-marie-2/', '/bylines/bo/', '/sources/cnn/', '/topics/world/', '/topics/gaza/']);
	});

	test('a story without section has no section link', () => {
		expect(getStoryLinks({ bylines: [], source: 'AFP', section: undefined, tags: [] }, groupings).section).toBeUndefined();
	});
});
