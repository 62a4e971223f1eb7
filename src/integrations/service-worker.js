// @ts-check
/// <reference lib="webworker" />
/**
 * The archive's service worker, written to `sw.js` by `src/integrations/offline.ts` with this build's
 * settings in place of the line below. Hand-written rather than generated with Workbox (not a dependency
 * here): it needs Workbox's revisioned precaching idea and little else, plus two things Workbox does not do,
 * keeping a reader's saved files across builds and storing text compressed.
 *
 * One cache for every build (`clippings-files`), keyed by address, each entry carrying the revision it was
 * stored at (a hash of its bytes, `x-clippings-revision`). A new build therefore never empties it: on
 * install it fetches only the shell files whose revision changed, and the page that saved the archive
 * brings the rest up to date (`src/scripts/search/offline.ts`) with requests this worker answers by
 * storing (`x-clippings-save`). Nothing is deleted here: the page drops files the site no longer has only
 * once every changed file is stored, so an older saved page never loses the styles and scripts it uses.
 * - Pages: from the network first (updates show at once), kept as they are read; from the cache offline.
 * - Everything else (hashed styles and scripts, index chunks): from the cache first.
 * - Text is stored gzip-compressed (`x-clippings-encoding`) and decompressed when served.
 */

/** @type {{ build: string, base: string, shell: [string, string][], files: number, bytes: number, savedBytes: number }} */
const SETTINGS = /* settings */ { build: 'dev', base: '/', shell: [], files: 0, bytes: 0, savedBytes: 0 };

/** The one cache of saved files; its name and headers are shared with `src/scripts/search/offline.ts`. */
const FILES = 'clippings-files';
const REVISION = 'x-clippings-revision';
/** The caches of Clippings versions that kept one per build: read, never written. */
const LEGACY = /^clippings-[0-9a-f]{16}$/;
const ENCODING = 'x-clippings-encoding';
/** Where the page keeps its record of what is saved, and this worker its note of what it installed. */
const STATE = 'clippings-state';
/** A request carrying this header (the revision wanted) asks the worker to store the file, not to serve it. */
const SAVE = 'x-clippings-save';
/** How many shell files are fetched at once on install. */
const PARALLEL = 6;

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

sw.addEventListener('install', (event) => {
	event.waitUntil(keepShell().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(sw.clients.claim());
});

sw.addEventListener('message', (event) => {
	const data = event.data;
	if (!data) return;
	if (data.type === 'build' && event.ports[0]) {
		const { shell, ...about } = SETTINGS;
		event.ports[0].postMessage(about);
	}
	// A page that loaded before this worker controlled it asks to be kept, so it too works offline.
	if (data.type === 'keep' && typeof data.url === 'string' && isOurs(new URL(data.url))) {
		event.waitUntil(
			fetch(withoutSearch(data.url))
				.then((response) => (response.ok ? store(withoutSearch(data.url), response) : undefined))
				.catch(() => undefined),
		);
	}
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// The manifest and its parts are read from the network and never kept: they are no files of the archive.
	if (!isOurs(url) || isManifest(url)) return;
	const wanted = request.headers.get(SAVE);
	if (wanted !== null) event.respondWith(save(withoutSearch(request.url), wanted));
	else if (request.mode === 'navigate' || isAlwaysFresh(url)) event.respondWith(networkFirst(event, request));
	else event.respondWith(cacheFirst(event, request));
});

/**
 * Fetches the shell files whose stored revision differs from this build's, and leaves a note of what it
 * downloaded (`offline-installed.json` in the state cache) for the page that reports the update to the reader.
 */
async function keepShell() {
	const cache = await caches.open(FILES);
	const queue = [...SETTINGS.shell];
	const fetched = { build: SETTINGS.build, files: 0, bytes: 0 };
	const worker = async () => {
		for (let next = queue.shift(); next; next = queue.shift()) {
			const [address, revision] = next;
			const cached = await cache.match(address);
			if (cached && cached.headers.get(REVISION) === revision) continue;
			const response = await fetch(address, { cache: 'no-cache' });
			if (!response.ok) throw new Error(`${address}: ${response.status}`);
			fetched.files += 1;
			fetched.bytes += (await store(address, response, revision)).fetched;
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, worker));
	const note = new URL(`${SETTINGS.base.replace(/\/?$/, '/')}offline-installed.json`, sw.location.origin).href;
	await (await caches.open(STATE)).put(note, new Response(JSON.stringify(fetched), { headers: { 'content-type': 'application/json' } }));
}

/**
 * Stores one file of a saved archive at `revision`, unless it is stored at that revision already. Answers
 * 204 with what it did (`x-clippings-saved`: `current` or `fetched`, and the bytes fetched and stored),
 * 507 when the browser's quota is full, 502 when the file could not be fetched.
 * @param {string} address @param {string} revision
 */
async function save(address, revision) {
	const cache = await caches.open(FILES);
	const cached = await cache.match(address);
	if (cached && cached.headers.get(REVISION) === revision) return new Response(null, { status: 204, headers: { 'x-clippings-saved': 'current' } });
	let response;
	try {
		response = await fetch(address, { cache: 'no-cache' });
	} catch {
		return new Response(null, { status: 502, statusText: 'offline' });
	}
	if (!response.ok) return new Response(null, { status: 502, statusText: String(response.status) });
	try {
		const { fetched, stored } = await store(address, response, revision);
		return new Response(null, { status: 204, headers: { 'x-clippings-saved': 'fetched', 'x-clippings-fetched': String(fetched), 'x-clippings-stored': String(stored) } });
	} catch (error) {
		if (error instanceof DOMException && error.name === 'QuotaExceededError') return new Response(null, { status: 507, statusText: 'quota' });
		throw error;
	}
}

/** @param {URL} url */
function isOurs(url) {
	return url.origin === sw.location.origin && url.pathname.startsWith(SETTINGS.base);
}

/** `offline.json` and its parts (`offline/<name>.json`). @param {URL} url */
function isManifest(url) {
	const root = SETTINGS.base.replace(/\/?$/, '/');
	return url.pathname === `${root}offline.json` || url.pathname.startsWith(`${root}offline/`);
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

/** @param {FetchEvent} event @param {Request} request */
async function networkFirst(event, request) {
	try {
		const response = await fetch(request);
		if (response.ok) event.waitUntil(store(withoutSearch(request.url), response.clone()).catch(() => undefined));
		return response;
	} catch (error) {
		const cached = await fromCache(request.url);
		if (cached) return cached;
		throw error;
	}
}

/** @param {FetchEvent} event @param {Request} request */
async function cacheFirst(event, request) {
	const cached = await fromCache(request.url);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok) event.waitUntil(store(withoutSearch(request.url), response.clone()).catch(() => undefined));
	return response;
}

/**
 * The stored file for an address, decompressed; files kept by older Clippings versions (one cache per
 * build) are still found, so nothing they saved is lost.
 * @param {string} address
 */
async function fromCache(address) {
	const key = withoutSearch(address);
	let cached = await (await caches.open(FILES)).match(key);
	for (const name of cached ? [] : (await caches.keys()).filter((name) => LEGACY.test(name))) {
		cached = await (await caches.open(name)).match(key);
		if (cached) break;
	}
	if (!cached) return undefined;
	if (cached.headers.get(ENCODING) !== 'gzip' || !cached.body) return cached;
	const headers = new Headers(cached.headers);
	headers.delete(ENCODING);
	return new Response(cached.body.pipeThrough(new DecompressionStream('gzip')), { status: 200, headers });
}

/**
 * Stores a response under its address with its revision (given, or hashed from its bytes the way the
 * build hashes files), text compressed. Returns the bytes fetched and stored.
 * @param {string} address @param {Response} response @param {string} [revision]
 */
async function store(address, response, revision) {
	const bytes = await response.arrayBuffer();
	const type = response.headers.get('content-type') ?? '';
	const headers = new Headers({ [REVISION]: revision ?? (await revisionOf(bytes)) });
	if (type) headers.set('content-type', type);
	let body = bytes;
	if (/^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/.test(type)) {
		body = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
		headers.set(ENCODING, 'gzip');
	}
	await (await caches.open(FILES)).put(address, new Response(body, { status: 200, headers }));
	return { fetched: bytes.byteLength, stored: body.byteLength };
}

/** The first 12 hex digits of the SHA-256 of the bytes, as `src/integrations/offline.ts` computes revisions. @param {ArrayBuffer} bytes */
async function revisionOf(bytes) {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
	return Array.from(digest.subarray(0, 6), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
