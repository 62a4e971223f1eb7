/**
 * An archive too large for one build is built in shards: each shard is an ordinary build of the stories dated
 * in its years, published under its own folder of the site (`/1980s/`), and `npm run combine` puts the shards'
 * outputs together into one site. Which shard a story belongs to depends only on its date, in the archive's
 * time zone (the year of its address), so every shard gives a story the address a whole build would.
 */
import { z } from 'zod';
import { getCalendarDay, parseArticleDate } from './dates.ts';

/** Folder names a shard cannot take: the combined site's own pages live there. */
const RESERVED_NAMES = new Set(['search', 'index.html', '404.html']);

const YearSchema = (what: string) =>
	z
		.union([z.number(), z.string().regex(/^\d{1,4}$/, `${what} must be a year such as 1980`).transform(Number)], { error: `${what} must be a year such as 1980` })
		.pipe(z.number().int(`${what} must be a whole year such as 1980`).min(1, `${what} must be a year after 0`).max(9999, `${what} must be a year before 10000`));

/** One shard of the archive: a name (its folder in the combined site) and the years of the stories it builds. */
export const ShardSchema = z
	.object({
		name: z
			.string({ error: 'a shard needs a name, e.g. name: "1980s"' })
			.regex(/^[a-z0-9][a-z0-9-]*$/, 'a shard’s name becomes its folder: use lower-case letters, digits and hyphens, e.g. "1980s"')
			.refine((name) => !RESERVED_NAMES.has(name), { error: (issue) => `"${String(issue.input)}" is a folder of the combined site; give the shard another name` })
			.describe('The shard’s folder in the combined site (`/1980s/`) and the value of CLIPPINGS_SHARD that builds it.'),
		from: YearSchema('from').describe('The first year of the stories it builds.'),
		to: YearSchema('to').describe('The last year of the stories it builds.'),
	})
	.strict()
	.refine((shard) => shard.from <= shard.to, { error: 'from must not come after to', path: ['to'] });

/** A shard of the archive, as the site settings hold it. */
export type Shard = z.infer<typeof ShardSchema>;

/** The shards of an archive: each name once, no year in two shards. */
export const ShardsSchema = z.array(ShardSchema, { error: 'shards must be a list like [{ name: "1980s", from: 1980, to: 1989 }]' }).superRefine((shards, context) => {
	const names = new Set<string>();
	shards.forEach((shard, index) => {
		if (names.has(shard.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `the shard name "${shard.name}" is used twice` });
		names.add(shard.name);
		const other = shards.slice(0, index).find((earlier) => earlier.from <= shard.to && shard.from <= earlier.to);
		if (other) {
			context.addIssue({ code: 'custom', path: [index], message: `shard "${shard.name}" (${formatYears(shard)}) shares years with shard "${other.name}" (${formatYears(other)}); a story must belong to one shard` });
		}
	});
});

/** The shard a build makes, beside the settings of the whole archive. */
export interface ShardBuild extends Shard {
	/** Where the combined site is served from (the archive's `base`); the shard is in `<siteBase><name>/`. */
	siteBase: string;
}

/** Settings as `selectShard` reads and writes them. */
interface ShardedSettings {
	base: string;
	shards?: Shard[] | undefined;
	shard?: ShardBuild | undefined;
}

/**
 * The settings of one shard's build: the shard named by `name` (what `CLIPPINGS_SHARD` says) published under
 * `<base><name>/`; the settings as they are when no shard is named (the whole archive in one build).
 * Throws when the name is not one of the shards.
 * @example selectShard({ base: '/', shards: [{ name: '1980s', from: 1980, to: 1989 }] }, '1980s').base // '/1980s/'
 */
export function selectShard<T extends ShardedSettings>(settings: T, name: string | undefined): T {
	if (name === undefined || name === '') return settings;
	const shards = settings.shards ?? [];
	const shard = shards.find((candidate) => candidate.name === name);
	if (!shard) {
		const known = shards.length > 0 ? `the shards in astro.config.mjs are ${shards.map((candidate) => `"${candidate.name}"`).join(', ')}` : 'astro.config.mjs sets no shards';
		throw new Error(`Clippings: CLIPPINGS_SHARD is "${name}", but ${known}`);
	}
	return { ...settings, base: getShardBase(settings.base, shard.name), shard: { ...shard, siteBase: settings.base } };
}

/**
 * Where a shard is published in the combined site.
 * @example getShardBase('/archive/', '1980s') // '/archive/1980s/'
 */
export function getShardBase(siteBase: string, name: string): string {
	return `${siteBase.endsWith('/') ? siteBase : `${siteBase}/`}${name}/`;
}

/**
 * The years a build takes its stories from, and the time zone their dates are read in; a build of an archive
 * without shards has none and takes every story.
 */
export interface StorySelection {
	timeZone: string;
	/** Inclusive ranges of years, `[from, to]`. */
	years: [number, number][];
}

/**
 * The stories a build takes: the named shard's years, or every shard's when the whole archive is built at
 * once (a story in no shard is then still an error, as it would be in the shards' builds); `undefined` when
 * the archive has no shards.
 */
export function getStorySelection(shards: readonly Shard[] | undefined, building: string | undefined, timeZone: string): StorySelection | undefined {
	if (!shards || shards.length === 0) return undefined;
	const chosen = building === undefined ? shards : shards.filter((shard) => shard.name === building);
	return { timeZone, years: chosen.map((shard) => [shard.from, shard.to]) };
}

/**
 * The year of a story's address: its date's calendar year in the archive's time zone.
 * @example getStoryYear('1989-12-31T23:30:00-05:00', 'UTC') // 1990
 */
export function getStoryYear(date: string, timeZone: string): number {
	return Number(getCalendarDay(parseArticleDate(date, timeZone), timeZone).year);
}

/** Whether a build with this selection takes stories of that year. */
export function isYearSelected(selection: StorySelection, year: number): boolean {
	return selection.years.some(([from, to]) => from <= year && year <= to);
}

/** The shard that builds the stories of a year, if any. */
export function findShardOfYear(shards: readonly Shard[], year: number): Shard | undefined {
	return shards.find((shard) => shard.from <= year && year <= shard.to);
}

/**
 * A shard's years as people write them.
 * @example formatYears({ from: 1980, to: 1989 }) // '1980–1989'
 */
export function formatYears({ from, to }: Pick<Shard, 'from' | 'to'>): string {
	return from === to ? String(from) : `${from}–${to}`;
}

/**
 * What a story outside every shard is told: the year and the shards there are, so the keeper can add a shard
 * or fix the date.
 */
export function describeStrayYear(year: number, shards: readonly Shard[]): string {
	return `is dated in ${year}, which no shard builds (shards in astro.config.mjs: ${shards.map((shard) => `${shard.name} ${formatYears(shard)}`).join(', ')}); add a shard for it or correct the date`;
}

/**
 * Where every shard's search index is, for the search page of a shard's build: `bundle` is the index's
 * folder (`getSearchBundlePath()` within the shard), `base` what its results' paths are relative to.
 * @example listShardIndexes([{ name: '1980s', from: 1980, to: 1989 }], '/', '/pagefind/') // [{ name: '1980s', bundle: '/1980s/pagefind/', base: '/1980s/' }]
 */
export function listShardIndexes(shards: readonly Shard[], siteBase: string, bundlePath: string): { name: string; bundle: string; base: string }[] {
	return shards.map(({ name }) => {
		const base = getShardBase(siteBase, name);
		return { name, bundle: `${base}${bundlePath.replace(/^\//, '')}`, base };
	});
}

/**
 * The months of the search's date range in a shard's build: the months this shard has stories in, and every
 * month of the other shards' years, whose stories it cannot see but whose indexes it searches.
 * @example listShardedMonths([{ name: 'a', from: 1990, to: 1990 }], 'b', ['1991-03']).length // 13
 */
export function listShardedMonths(shards: readonly Shard[], building: string, ownMonths: readonly string[]): string[] {
	const months = new Set(ownMonths);
	for (const shard of shards) {
		if (shard.name === building) continue;
		for (let year = shard.from; year <= shard.to; year++) {
			for (let month = 1; month <= 12; month++) months.add(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
		}
	}
	return [...months].sort();
}
