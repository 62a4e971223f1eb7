import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import {
	estimateSavedBytes,
	isPartEnd,
	isReplacement,
	parseOfflineManifest,
	parseOfflinePart,
	planOfflineSync,
	planParts,
	splitIntoParts,
	type OfflineFile,
	type OfflinePart,
} from '../../src/outputs/offline-manifest.ts';

const story = (slug: string, revision: string, bytes = 1000): OfflineFile => [`/news/1987/03/26/${slug}/`, revision, bytes];

describe('planning what a saved copy needs after a deploy', () => {
	const manifest = {
		files: [story('kept', 'k1'), story('edited', 'e2', 1500), story('added', 'a1', 700), ['/news/_astro/site.NEW.css', 'c2', 300] as OfflineFile],
		online: [['/news/bylines/jane/', 'b2', 400] as OfflineFile],
	};
	const saved = new Map([
		['/news/1987/03/26/kept/', 'k1'],
		['/news/1987/03/26/edited/', 'e1'],
		['/news/1987/03/26/removed/', 'r1'],
		['/news/_astro/site.OLD.css', 'c1'],
		['/news/bylines/jane/', 'b1'],
	]);

	test('an update downloads only the saved files whose revision changed, and drops the files the site no longer has', () => {
		const plan = planOfflineSync(manifest, saved, false);
		expect(plan.fetch.map(([address]) => address)).toEqual(['/news/1987/03/26/edited/', '/news/bylines/jane/']);
		expect(plan).toMatchObject({ changed: 2, added: 0, bytes: 1900, current: 1 });
		expect(plan.remove).toEqual(['/news/1987/03/26/removed/', '/news/_astro/site.OLD.css']);
	});

	test('saving the whole archive again adds what is new and keeps what is current, without adding pages left out of it', () => {
		const plan = planOfflineSync(manifest, saved, true);
		expect(plan.fetch.map(([address]) => address)).toEqual([
			'/news/1987/03/26/edited/',
			'/news/1987/03/26/added/',
			'/news/_astro/site.NEW.css',
			'/news/bylines/jane/',
		]);
		expect(plan).toMatchObject({ changed: 2, added: 2, bytes: 1500 + 700 + 300 + 400, current: 1 });
	});

	test('a first save downloads every file of the archive and nothing else', () => {
		const plan = planOfflineSync(manifest, new Map(), true);
		expect(plan.fetch).toEqual(manifest.files);
		expect(plan.remove).toEqual([]);
	});

	test('an update of a copy saved whole also brings the files that take the place of removed ones (a search fragment, a stylesheet), but not new stories', () => {
		const plan = planOfflineSync(manifest, saved, isReplacement);
		expect(plan.fetch.map(([address]) => address)).toEqual(['/news/1987/03/26/edited/', '/news/_astro/site.NEW.css', '/news/bylines/jane/']);
		expect(plan).toMatchObject({ changed: 2, added: 1 });
	});

	test.each([
		['/news/pagefind/fragment/en_1a2b.pf_fragment', true],
		['/news/pagefind/index/en_9f.pf_index', true],
		['/news/_astro/site.B2x.css', true],
		['/news/1987/03/26/new-story/', false],
		['/news/404.html', false],
	])('%s takes the place of a removed file: %s', (address, expected) => {
		expect(isReplacement(address)).toBe(expected);
	});

	test('a device holding the current build has nothing to do', () => {
		const current = new Map([...manifest.files, ...manifest.online].map(([address, revision]) => [address, revision]));
		expect(planOfflineSync(manifest, current, true)).toMatchObject({ fetch: [], remove: [], current: 5 });
	});
});

describe('the offline manifest', () => {
	test.each([
		['/news/1987/03/26/honda/', 1000, 300],
		['/news/_astro/site.css', 1000, 300],
		['/news/pagefind/fragment/en_1.pf_fragment', 1000, 1000],
		['/news/favicon.png', 1000, 1000],
	])('%s of %i bytes is estimated to take %i once saved', (address, bytes, saved) => {
		expect(estimateSavedBytes(address, bytes)).toBe(saved);
	});

	test('a file that is not a manifest of this version is refused, naming where it came from', () => {
		expect(() => parseOfflineManifest({ build: 'x', files: [] }, '/news/offline.json')).toThrow('/news/offline.json is not an offline manifest of version 3');
	});

	test('a manifest of the version before, which listed every file itself, is refused too', () => {
		expect(() => parseOfflineManifest({ version: 2, build: 'x', files: [], online: [], bytes: 0, savedBytes: 0 }, '/news/offline.json')).toThrow('is not an offline manifest of version 3');
	});

	test('a part that is not one is refused, naming where it came from', () => {
		expect(() => parseOfflinePart({ files: [] }, '/news/offline/abc.json')).toThrow('/news/offline/abc.json is not a part of an offline manifest');
	});
});

/** A site of `count` stories and the pages around them, as the build lists it: [address, revision, bytes, saved]. */
function site(count: number, revision = (address: string) => `r-${address.length}`): [string, string, number, boolean][] {
	const entries: [string, string, number, boolean][] = [];
	for (let index = 0; index < count; index++) {
		const address = `/news/${1987 + (index % 40)}/0${1 + (index % 9)}/1${index % 10}/story-${index}/`;
		entries.push([address, revision(address), 1000 + index, true]);
		if (index % 50 === 0) entries.push([`/news/bylines/reporter-${index}/`, revision(`b${index}`), 400, false]);
	}
	return entries;
}

/** Each part's name as the build gives it: a hash of its contents. */
const names = (parts: OfflinePart[]) => parts.map((part) => createHash('sha256').update(JSON.stringify(part)).digest('hex').slice(0, 16));

describe('the offline manifest in parts', () => {
	test('every file is in exactly one part, in address order, and saved files are apart from files read online', () => {
		const entries = site(3000);
		const parts = splitIntoParts(entries, 64);
		const listed = parts.flatMap((part) => [...part.files, ...part.online].map(([address]) => address));
		expect(listed.toSorted()).toEqual(entries.map(([address]) => address).toSorted());
		expect(new Set(listed).size).toBe(entries.length);
		for (const part of parts) {
			const addresses = [...part.files, ...part.online].map(([address]) => address).sort();
			expect(addresses[0]! >= (parts[parts.indexOf(part) - 1]?.files.at(-1)?.[0] ?? '')).toBe(true);
		}
		expect(parts.flatMap((part) => part.online).every(([address]) => address.includes('/bylines/'))).toBe(true);
		expect(parts.flatMap((part) => part.files).every(([address]) => !address.includes('/bylines/'))).toBe(true);
	});

	test('parts hold about the number of files asked for, so the list a device reads after a deploy stays small', () => {
		const parts = splitIntoParts(site(20_000), 512);
		const sizes = parts.map((part) => part.files.length + part.online.length);
		expect(parts.length).toBeGreaterThan(20_400 / 512 / 2);
		expect(parts.length).toBeLessThan((20_400 / 512) * 2);
		expect(Math.max(...sizes)).toBeLessThan(512 * 8);
	});

	test('a deploy that edits one story changes the name of one part only', () => {
		const before = names(splitIntoParts(site(3000), 64));
		const edited = site(3000)[1234]![0];
		const after = names(splitIntoParts(site(3000, (address) => (address === edited ? 'new' : `r-${address.length}`)), 64));
		expect(after.length).toBe(before.length);
		expect(after.filter((name) => !before.includes(name))).toHaveLength(1);
	});

	test('a deploy that adds or removes a story changes the parts around it only, not the parts after it', () => {
		const before = names(splitIntoParts(site(3000), 64));
		const added = names(splitIntoParts([...site(3000), ['/news/1990/01/01/a-new-story/', 'n1', 900, true]], 64));
		expect(added.filter((name) => !before.includes(name)).length).toBeLessThanOrEqual(2);
		const gone = site(3000)[1013]![0];
		const removed = names(splitIntoParts(site(3000).filter(([address]) => address !== gone), 64));
		expect(removed.length).toBeGreaterThan(0);
		expect(removed.filter((name) => !before.includes(name)).length).toBeLessThanOrEqual(1);
		expect(before.filter((name) => !removed.includes(name)).length).toBeLessThanOrEqual(2);
	});

	test.each([
		['/news/1987/03/26/honda/', 7],
		['/news/pagefind/fragment/en_1.pf_fragment', 512],
	])('whether %s ends a part depends on the address alone', (address, target) => {
		expect(isPartEnd(address, target)).toBe(isPartEnd(address, target));
		expect([true, false]).toContain(isPartEnd(address, target));
	});

	test('about one address in the target ends a part', () => {
		const ends = Array.from({ length: 20_000 }, (_, index) => `/news/1987/03/26/story-${index}/`).filter((address) => isPartEnd(address, 100)).length;
		expect(ends).toBeGreaterThan(100);
		expect(ends).toBeLessThan(400);
	});

	test('an empty site still has one (empty) part', () => {
		expect(splitIntoParts([])).toEqual([{ files: [], online: [] }]);
	});

	test('a device reads only the parts whose names it does not hold, and drops the parts no longer listed', () => {
		expect(planParts(['a', 'c', 'd'], ['a', 'b', 'd'])).toEqual({ unchanged: ['a', 'd'], changed: ['c'], dropped: ['b'] });
		expect(planParts(['a', 'b'], [])).toEqual({ unchanged: [], changed: ['a', 'b'], dropped: [] });
		expect(planParts(['a'], ['a'])).toEqual({ unchanged: ['a'], changed: [], dropped: [] });
	});
});
