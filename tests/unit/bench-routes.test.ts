import { describe, expect, test } from 'vitest';
import { countRenderedRoutes } from '../../bench/support/clippings-build.ts';

describe('countRenderedRoutes (the build bench)', () => {
	test('counts the routes Astro logs and those it copied from its cache, even when concurrent lines interleave', () => {
		const log = [
			'20:01:02 [build] Rearranging server assets...',
			'19:51:22   ├─ /404.html19:51:22   ├─ /archive/index.html (+47ms) ',
			'19:51:22   ├─ /bylines/alan-williams/feed.json19:51:22   ├─ /bylines/ajoy-sen/feed.json (restored)',
			'19:51:22   ├─ /bylines/allan-ng/feed.json (restored)',
			'19:51:22   ├─ /1987/03/31/a-story/index.html (cached)',
			'19:51:23   └─ /topics/zinc/page/1/index.html (+5ms) ',
		].join('\n');
		expect(countRenderedRoutes(log)).toEqual({ routes: 7, rendered: 4 });
	});

	test('a log without routes counts none', () => {
		expect(countRenderedRoutes('[build] Complete!')).toEqual({ routes: 0, rendered: 0 });
	});
});
