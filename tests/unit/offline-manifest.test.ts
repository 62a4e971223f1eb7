import { describe, expect, test } from 'vitest';
import { estimateSavedBytes, parseOfflineManifest, planOfflineSync, type OfflineFile } from '../../src/outputs/offline-manifest.ts';

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
		expect(() => parseOfflineManifest({ build: 'x', files: [] }, '/news/offline.json')).toThrow('/news/offline.json is not an offline manifest of version 2');
	});
});
