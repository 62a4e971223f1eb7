/**
 * Addresses for the portable build, an archive opened from disk (`file://`) with no server: there,
 * `/archive/1987/` means the root of the disk and a folder does not open its `index.html`. So every
 * address of the site becomes a relative path to a file.
 */

/**
 * The portable form of an address found in a page: site addresses (under `base`) become relative paths
 * to files, with `index.html` for folders; query and fragment are kept. Anything else (other sites,
 * `mailto:`, `#anchors`, already relative paths) is returned unchanged.
 * @param fromFile the page's file, relative to the site's root folder, e.g. `1987/03/26/honda/index.html`
 * @example toPortableHref('/archive/1987/?page=2#top', '1987/03/26/honda/index.html', '/archive/') // '../../../index.html?page=2#top'
 */
export function toPortableHref(address: string, fromFile: string, base: string): string {
	if (!address.startsWith('/') || address.startsWith('//')) return address;
	const root = base.endsWith('/') ? base : `${base}/`;
	if (!address.startsWith(root) && `${address}/` !== root) return address;
	const split = /^([^?#]*)(.*)$/.exec(address.slice(root.length))!;
	const target = !split[1] || split[1].endsWith('/') ? `${split[1]}index.html` : split[1];
	const from = fromFile.split('/').slice(0, -1).map(encodeSegment);
	const to = target.split('/');
	let common = 0;
	while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
	const relative = [...Array<string>(from.length - common).fill('..'), ...to.slice(common)].join('/');
	return `${relative}${split[2]}`;
}

/**
 * Folder segments as they appear in addresses: percent-encoded the way `urls.ts` encodes them, since
 * Astro writes the folders themselves with the decoded names.
 */
function encodeSegment(segment: string): string {
	try {
		return encodeURIComponent(decodeURIComponent(segment));
	} catch {
		return encodeURIComponent(segment);
	}
}
