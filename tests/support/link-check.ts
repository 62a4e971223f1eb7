import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { XMLParser } from 'fast-xml-parser';

/** An internal link that does not resolve to a built file (or to an element, for `#fragment`s). */
export interface BrokenLink {
	/** The built file the link is in, relative to the output folder. */
	file: string;
	url: string;
	reason: string;
}

/** What a link check saw. */
export interface LinkReport {
	/** Files read: HTML pages, feeds, sitemaps and stylesheets. */
	files: number;
	/** Internal links checked. */
	links: number;
	broken: BrokenLink[];
}

/** Where the site is served: its origin (`https://example.org`) and base path (`/archive/`). */
export interface SiteAddress {
	url: string;
	base: string;
}

const XML_LINK_KEYS = new Set(['loc', 'link', 'guid', '@_href', '@_url']);
const JSON_LINK_KEYS = new Set(['home_page_url', 'feed_url', 'url', 'id', 'external_url']);
const JSON_LD_LINK_KEYS = new Set(['url', '@id', 'mainEntityOfPage', 'isBasedOn']);

/**
 * Walks a built site and checks every internal link in it resolves: `href`, `src`, `srcset`, form actions,
 * OpenGraph URLs and JSON-LD in HTML; links in RSS, sitemaps and JSON feeds; `url()` in CSS. A link is
 * internal when it is relative or points at the site's own origin; it must stay under the base path and
 * name a file in the output (`/a/` → `a/index.html`), and a `#fragment` on an HTML page must name an id there.
 */
export function checkLinks(root: string, site: SiteAddress): LinkReport {
	const base = site.base.endsWith('/') ? site.base : `${site.base}/`;
	const origin = new URL(site.url).origin;
	const ids = new Map<string, Set<string>>();
	const report: LinkReport = { files: 0, links: 0, broken: [] };

	for (const file of listFiles(root)) {
		const extension = path.extname(file);
		if (!['.html', '.xml', '.json', '.css'].includes(extension)) continue;
		if (extension === '.json' && !/(^|\/)feed\.json$/.test(file)) continue;
		report.files++;
		const pageUrl = new URL(base + file.replace(/(^|\/)index\.html$/, '$1'), origin);
		const text = readFileSync(path.join(root, file), 'utf8');
		for (const link of extractLinks(text, extension)) {
			if (/^(mailto|tel|javascript|data):/i.test(link)) continue;
			const target = new URL(link, pageUrl);
			if (target.origin !== origin) continue;
			report.links++;
			const reason = resolve(target);
			if (reason) report.broken.push({ file, url: link, reason });
		}
	}
	return report;

	function resolve(target: URL): string | undefined {
		if (!target.pathname.startsWith(base)) return `outside the base path ${base}`;
		let relative: string;
		try {
			relative = decodeURIComponent(target.pathname.slice(base.length));
		} catch {
			return 'badly percent-encoded';
		}
		const file = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
		const absolute = path.join(root, file);
		if (!absolute.startsWith(root) || !existsSync(absolute) || !statSync(absolute).isFile()) {
			return existsSync(path.join(absolute, 'index.html')) ? 'a folder linked without its trailing slash' : 'no such file';
		}
		const fragment = decodeURIComponent(target.hash.slice(1));
		if (fragment && file.endsWith('.html') && !getIds(file).has(fragment)) return `no element with id "${fragment}"`;
		return undefined;
	}

	function getIds(file: string): Set<string> {
		let found = ids.get(file);
		if (!found) {
			const $ = load(readFileSync(path.join(root, file), 'utf8'));
			found = new Set($('[id]').map((_, element) => $(element).attr('id') ?? '').get());
			ids.set(file, found);
		}
		return found;
	}
}

/** The link-like values of one built file. */
export function extractLinks(text: string, extension: string): string[] {
	if (extension === '.css') return [...text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((match) => match[2]!);
	if (extension === '.json') return collect(JSON.parse(text), JSON_LINK_KEYS);
	if (extension === '.xml') return collect(new XMLParser({ ignoreAttributes: false }).parse(text), XML_LINK_KEYS);

	const $ = load(text);
	const links: string[] = [];
	const add = (selector: string, attribute: string) =>
		$(selector).each((_, element) => {
			const value = $(element).attr(attribute);
			if (value !== undefined) links.push(value);
		});
	add('a[href], area[href], link[href]', 'href');
	add('script[src], img[src], source[src], iframe[src], audio[src], video[src], track[src]', 'src');
	add('video[poster]', 'poster');
	add('form[action]', 'action');
	add('meta[property="og:url"], meta[property="og:image"], meta[property="article:author"], meta[name="twitter:image"]', 'content');
	$('img[srcset], source[srcset]').each((_, element) => {
		for (const candidate of ($(element).attr('srcset') ?? '').split(',')) {
			const url = candidate.trim().split(/\s+/)[0];
			if (url) links.push(url);
		}
	});
	$('script[type="application/ld+json"]').each((_, element) => {
		links.push(...collect(JSON.parse($(element).text()), JSON_LD_LINK_KEYS));
	});
	return links;
}

function collect(value: unknown, keys: ReadonlySet<string>, key = ''): string[] {
	if (typeof value === 'string') return keys.has(key) && /^(https?:|\/|\.)/.test(value) ? [value] : [];
	if (Array.isArray(value)) return value.flatMap((item) => collect(item, keys, key));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([childKey, child]) => collect(child, keys, childKey === '#text' ? key : childKey));
	}
	return [];
}

function listFiles(root: string): string[] {
	return readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
		.sort();
}
