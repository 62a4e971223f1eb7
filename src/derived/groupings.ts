/**
 * The archive by name: bylines, sources and topics, each with a slug that is Unicode-aware, stable and
 * never shared by two names, computed once per build.
 */
import { getStoryTopics } from '../model/article-entry.ts';
import { slugify } from '../model/slug.ts';

/** One byline, source or topic and its stories. */
export interface NamedGroup<T> {
	/** The name, in Unicode NFC with single spaces. */
	name: string;
	slug: string;
	/** Newest first. */
	stories: T[];
}

/** Every group of one kind, with lookups both ways. */
export interface Grouping<T> {
	/** Every group, in the language's alphabetical order of names. */
	groups: NamedGroup<T>[];
	getGroup(slug: string): NamedGroup<T> | undefined;
	/**
	 * The slug a name was given. Throws for a name no published story uses: a page asking for one has a bug.
	 * @example bylines.getSlug('Zoë Ortiz') // 'zoë-ortiz'
	 */
	getSlug(name: string): string;
}

/** The same name written with different Unicode forms or spacing is one name. */
export function normalizeName(name: string): string {
	return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Gives each name a slug, keeping names that slugify alike apart: the first name to claim a slug keeps it,
 * later ones get `-2`, `-3`, … in order. Bare slugs are handed out before any suffix, so a suffixed slug
 * never takes the natural slug of another name (`Anne Marie 2`). Names with no letters or digits use
 * `fallback` as their base.
 * @param namesInOrder distinct names, in the order that decides who keeps the bare slug
 * @example assignSlugs(['Anne-Marie', 'Anne Marie'], 'byline') // Map { 'Anne-Marie' → 'anne-marie', 'Anne Marie' → 'anne-marie-2' }
 */
export function assignSlugs(namesInOrder: readonly string[], fallback: string): Map<string, string> {
	const bases = new Map<string, string>();
	for (const name of namesInOrder) bases.set(name, slugify(name) || fallback);

	const slugs = new Map<string, string>();
	const taken = new Set<string>();
	for (const [name, base] of bases) {
		if (taken.has(base)) continue;
		slugs.set(name, base);
		taken.add(base);
	}
	for (const [name, base] of bases) {
		if (slugs.has(name)) continue;
		let suffix = 2;
		while (taken.has(`${base}-${suffix}`)) suffix++;
		slugs.set(name, `${base}-${suffix}`);
		taken.add(`${base}-${suffix}`);
	}
	return slugs;
}

/**
 * Groups stories by the names each one carries (a story with two bylines joins both groups).
 * Slugs go to names in order of their oldest story, so adding newer stories never renames an
 * existing page.
 * @param newestFirst the published list from `selectPublished`
 * @param getNames the names of one story, e.g. its bylines
 * @param fallback the slug base for a name with no letters or digits
 * @param lang the language whose alphabetical order the index pages use
 */
export function groupByName<T>(
	newestFirst: readonly T[],
	getNames: (story: T) => readonly string[],
	fallback: string,
	lang: string,
): Grouping<T> {
	const stories = new Map<string, T[]>();
	for (const story of newestFirst) {
		for (const name of new Set(getNames(story).map(normalizeName))) {
			const list = stories.get(name);
			if (list) list.push(story);
			else stories.set(name, [story]);
		}
	}

	const oldestFirstNames: string[] = [];
	const seen = new Set<string>();
	for (let index = newestFirst.length - 1; index >= 0; index--) {
		for (const raw of getNames(newestFirst[index]!)) {
			const name = normalizeName(raw);
			if (seen.has(name)) continue;
			seen.add(name);
			oldestFirstNames.push(name);
		}
	}

	const slugs = assignSlugs(oldestFirstNames, fallback);
	const collator = new Intl.Collator(lang);
	const groups = oldestFirstNames
		.map((name) => ({ name, slug: slugs.get(name)!, stories: stories.get(name)! }))
		.sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
	const bySlug = new Map(groups.map((group) => [group.slug, group]));

	return {
		groups,
		getGroup: (slug) => bySlug.get(slug),
		getSlug: (name) => {
			const slug = slugs.get(normalizeName(name));
			if (slug === undefined) throw new Error(`no published story carries the name "${name}"`);
			return slug;
		},
	};
}

/** The fields of a story that name its people, publisher and topics. */
export interface NamedStory {
	data: { bylines: readonly string[]; source: string; section?: string; tags: readonly string[] };
}

/** The people credited on a story. */
export function getBylineNames(story: NamedStory): readonly string[] {
	return story.data.bylines;
}

/** The publisher or wire service of a story, as a one-name list. */
export function getSourceNames(story: NamedStory): readonly string[] {
	return [story.data.source];
}

/** A story's topics: its section (desk) and its tags, one topic space for both. */
export function getTopicNames(story: NamedStory): readonly string[] {
	return getStoryTopics(story.data);
}
