// @ts-check
/// <reference lib="webworker" />
/**
 * The archive's service worker, written to `sw.js` by `src/integrations/offline.ts` with this build's
 * settings in place of the line below. It keeps one cache per build (`clippings-<build>`):
 * - on install, the shell: home, search and 404 pages, styles and scripts, and the search index;
 * - every page and file fetched afterwards (pages from the network first, so updates show at once;
 *   hashed assets and index chunks from the cache first);
 * - whatever "Save the archive for offline reading" puts in it.
 * A new build means a new `sw.js`; when it activates it deletes every older Clippings cache.
 */

/** @type {{ build: string, base: string, shell: string[] }} */
const SETTINGS = /* settings */ { build: 'dev', base: '/', shell: [] };

const PREFIX = 'clippings-';
const CACHE = `${PREFIX}${SETTINGS.build}`;
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(SETTINGS.shell))
			.then(() => sw.skipWaiting()),
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
			.then(() => sw.clients.claim()),
	);
});

sw.addEventListener('message', (event) => {
	// A page that loaded before this worker controlled it asks to be kept, so it too works offline.
	const data = event.data;
	if (data && data.type === 'keep' && typeof data.url === 'string' && isOurs(new URL(data.url))) {
		event.waitUntil(caches.open(CACHE).then((cache) => cache.add(withoutSearch(data.url))).catch(() => undefined));
	}
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (!isOurs(url)) return;
	if (request.mode === 'navigate' || isAlwaysFresh(url)) event.respondWith(networkFirst(request));
	else event.respondWith(cacheFirst(request));
});

/** @param {URL} url */
function isOurs(url) {
	return url.origin === sw.location.origin && url.pathname.startsWith(SETTINGS.base);
}

/** Files whose address stays the same from build to build. @param {URL} url */
function isAlwaysFresh(url) {
	return /\/pagefind\/(pagefind\.js|pagefind-entry\.json)$/.test(url.pathname) || url.pathname.endsWith('.json');
}

/** @param {string} address */
function withoutSearch(address) {
	const url = new URL(address);
	url.search = '';
	url.hash = '';
	return url.href;
}

/** @param {Request} request */
async function networkFirst(request) {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(withoutSearch(request.url), response.clone());
		return response;
	} catch (error) {
		const cached = await caches.match(request, { ignoreSearch: true });
		if (cached) return cached;
		throw error;
	}
}

/** @param {Request} request */
async function cacheFirst(request) {
	const cached = await caches.match(request, { ignoreSearch: true });
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok) {
		const cache = await caches.open(CACHE);
		await cache.put(withoutSearch(request.url), response.clone());
	}
	return response;
}
