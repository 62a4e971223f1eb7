import { describe, expect, test } from 'vitest';
import { assignSlugs, getTopicNames, groupByName, normalizeName } from '../../src/derived/groupings.ts';

interface Named {
	id: string;
	names: string[];
}

/** Stories newest first, as `selectPublished` returns them. */
const group = (newestFirst: Named[], lang = 'en') => groupByName(newestFirst, (story) => story.names, 'byline', lang);

describe('groupByName', () => {
	test.each([
		['Zoë Ortiz', 'zoë-ortiz'],
		['张文博', '张文博'],
		['محمد', 'محمد'],
		['José Núñez', 'josé-núñez'],
		['Jose Nunez', 'jose-nunez'],
		['!!!', 'byline'],
	])('%s gets the slug %s', (name, slug) => {
		const bylines = group([{ id: 'a', names: [name] }]);
		expect(bylines.getSlug(name)).toBe(slug);
		expect(bylines.getGroup(slug)?.name).toBe(name);
	});

	test('an article with two bylines appears on both people’s pages', () => {
		const bylines = group([
			{ id: 'new', names: ['Amira Haddad', 'Tomás Ruiz'] },
			{ id: 'old', names: ['Amira Haddad'] },
		]);
		expect(bylines.getGroup('amira-haddad')?.stories.map((story) => story.id)).toEqual(['new', 'old']);
		expect(bylines.getGroup('tomás-ruiz')?.stories.map((story) => story.id)).toEqual(['new']);
	});

	test.each([
		['Anne-Marie', 'Anne Marie'],
		['O’Brien', 'OBrien'],
		['Ana  Lopez', 'ana lopez'],
	])('“%s” and “%s” slug alike but stay two people with two pages', (older, newer) => {
		const bylines = group([
			{ id: 'new', names: [newer] },
			{ id: 'old', names: [older] },
		]);
		const base = bylines.getSlug(older);
		expect(bylines.getSlug(newer)).toBe(`${base}-2`);
		expect(bylines.getGroup(base)?.stories.map((story) => story.id)).toEqual(['old']);
		expect(bylines.getGroup(`${base}-2`)?.stories.map((story) => story.id)).toEqual(['new']);
	});

	test('the name with the oldest story keeps the bare slug, so a newer story never renames a page', () => {
		const before = group([{ id: 'old', names: ['Anne-Marie'] }]);
		const after = group([
			{ id: 'newest', names: ['Anne Marie'] },
			{ id: 'old', names: ['Anne-Marie'] },
		]);
		expect(after.getSlug('Anne-Marie')).toBe(before.getSlug('Anne-Marie'));
	});

	test('two colliding names on one story get distinct slugs, the same on every build', () => {
		const first = group([{ id: 'a', names: ['Anne-Marie', 'Anne Marie'] }]);
		const again = group([{ id: 'a', names: ['Anne-Marie', 'Anne Marie'] }]);
		expect(first.groups.map((entry) => [entry.name, entry.slug])).toEqual(again.groups.map((entry) => [entry.name, entry.slug]));
		expect(new Set(first.groups.map((entry) => entry.slug)).size).toBe(2);
	});

	test('the same name in decomposed Unicode or with extra spaces is the same person', () => {
		const bylines = group([
			{ id: 'a', names: ['Zoe\u0308 Ortiz'] },
			{ id: 'b', names: ['Zoë  Ortiz'] },
		]);
		expect(bylines.groups).toHaveLength(1);
		expect(bylines.groups[0]?.stories).toHaveLength(2);
		expect(bylines.getSlug('Zoe\u0308 Ortiz')).toBe('zoë-ortiz');
	});

	test('a name listed twice on one story counts that story once', () => {
		const bylines = group([{ id: 'a', names: ['Kylie Atwood', 'Kylie Atwood'] }]);
		expect(bylines.groups[0]?.stories).toHaveLength(1);
	});

	test('index order is alphabetical in the site language', () => {
		const bylines = group([{ id: 'a', names: ['Zoë Ortiz', 'Émile Zola', 'amira Haddad', 'Bo Li'] }]);
		expect(bylines.groups.map((entry) => entry.name)).toEqual(['amira Haddad', 'Bo Li', 'Émile Zola', 'Zoë Ortiz']);
	});

	test('asking for the slug of a name no story carries is an error, not a broken link', () => {
		expect(() => group([]).getSlug('Nobody')).toThrow(/Nobody/);
	});
});

describe('assignSlugs', () => {
	test('a suffix never takes the natural slug of another name', () => {
		const slugs = assignSlugs(['Anne Marie', 'Anne-Marie', 'Anne Marie 2'], 'byline');
		expect(slugs.get('Anne Marie 2')).toBe('anne-marie-2');
		expect(slugs.get('Anne-Marie')).toBe('anne-marie-3');
		expect(new Set(slugs.values()).size).toBe(3);
	});

	test('names without letters or digits share the fallback base and still get distinct slugs', () => {
		expect([...assignSlugs(['!!!', '???'], 'topic').values()]).toEqual(['topic', 'topic-2']);
	});
});

describe('topic names', () => {
	test('a story’s section and tags are its topics', () => {
		expect(getTopicNames({ data: { bylines: [], source: 'CNN', section: 'World', tags: ['Gaza'] } })).toEqual(['World', 'Gaza']);
		expect(getTopicNames({ data: { bylines: [], source: 'CNN', tags: [] } })).toEqual([]);
	});

	test('normalizeName folds Unicode forms and runs of spaces', () => {
		expect(normalizeName(' Zoe\u0308 \t Ortiz ')).toBe('Zoë Ortiz');
	});
});
