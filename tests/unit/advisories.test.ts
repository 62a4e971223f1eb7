import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../support/fixtures.ts';

/**
 * Releases that fixed a known advisory in a package the archive ships or builds with. The registry's audit
 * endpoint can't be reached from the build machines, so the check lives here and reads what is INSTALLED
 * (every copy under node_modules), not the ranges in package.json. Add a row when an advisory appears.
 * `line` is the major version a fix applies to, for packages that patched several release lines.
 */
const ADVISORIES: { name: string; line?: number; fixed: string; advisory: string; url: string; what: string }[] = [
	{
		name: 'astro',
		fixed: '7.2.8',
		advisory: 'GHSA-26w7-cxv4-gfx2',
		url: 'https://github.com/advisories/GHSA-26w7-cxv4-gfx2',
		what: 'remote code execution through AVIF image optimization (and GHSA-376h-93r7-7g6f, fixed in the same release)',
	},
	{
		name: 'mdast-util-to-hast',
		fixed: '13.2.1',
		advisory: 'GHSA-4fh9-h7wg-q85m (CVE-2025-66400)',
		url: 'https://github.com/advisories/GHSA-4fh9-h7wg-q85m',
		what: 'unsanitised class names injected through character references in code fences',
	},
	{
		name: 'js-yaml',
		line: 3,
		fixed: '3.14.2',
		advisory: 'GHSA-mh29-5h37-fv8m (CVE-2025-64718)',
		url: 'https://github.com/advisories/GHSA-mh29-5h37-fv8m',
		what: 'prototype pollution through the merge key (<<); gray-matter depends on the 3.x line',
	},
	{
		name: 'js-yaml',
		line: 4,
		fixed: '4.1.1',
		advisory: 'GHSA-mh29-5h37-fv8m (CVE-2025-64718)',
		url: 'https://github.com/advisories/GHSA-mh29-5h37-fv8m',
		what: 'prototype pollution through the merge key (<<)',
	},
	{
		name: 'pagefind',
		fixed: '1.1.1',
		advisory: 'GHSA-gprj-6m2f-j9hx (CVE-2024-45389)',
		url: 'https://github.com/advisories/GHSA-gprj-6m2f-j9hx',
		what: 'DOM clobbering of document.currentScript could load the search script from another origin',
	},
];

/** Every installed copy of a package: its folder, name and version. */
interface InstalledPackage {
	name: string;
	version: string;
	folder: string;
}

/** Walks node_modules (nested copies included) and returns every installed copy of the named packages. */
function findInstalled(names: ReadonlySet<string>, modules = path.join(ROOT, 'node_modules')): InstalledPackage[] {
	const found: InstalledPackage[] = [];
	if (!existsSync(modules)) return found;
	for (const entry of readdirSync(modules, { withFileTypes: true })) {
		if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
		if (entry.name.startsWith('.')) continue;
		const folders = entry.name.startsWith('@')
			? readdirSync(path.join(modules, entry.name)).map((scoped) => path.join(modules, entry.name, scoped))
			: [path.join(modules, entry.name)];
		for (const folder of folders) {
			const manifest = path.join(folder, 'package.json');
			if (existsSync(manifest)) {
				const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
				if (name && version && names.has(name)) found.push({ name, version, folder: path.relative(ROOT, folder) });
			}
			found.push(...findInstalled(names, path.join(folder, 'node_modules')));
		}
	}
	return found;
}

/** Compares two `major.minor.patch[-pre]` versions; a prerelease sorts before its release. */
function compareVersions(left: string, right: string): number {
	const parse = (version: string) => {
		const [core, pre] = version.split('+')[0]!.split('-', 2);
		return { parts: core!.split('.').map(Number), pre };
	};
	const a = parse(left);
	const b = parse(right);
	for (let index = 0; index < 3; index++) {
		const difference = (a.parts[index] ?? 0) - (b.parts[index] ?? 0);
		if (difference !== 0) return Math.sign(difference);
	}
	if (a.pre && !b.pre) return -1;
	if (!a.pre && b.pre) return 1;
	return 0;
}

/**
 * The advisory an installed version is still exposed to, or `undefined`. A version on a line with its own
 * fix is held to that fix; a version on an older line than every fix is exposed; a newer line is not.
 */
function findOpenAdvisory(name: string, version: string): (typeof ADVISORIES)[number] | undefined {
	const rows = ADVISORIES.filter((row) => row.name === name);
	const major = Number(version.split('.')[0]);
	const onLine = rows.find((row) => (row.line ?? Number(row.fixed.split('.')[0])) === major);
	if (onLine) return compareVersions(version, onLine.fixed) < 0 ? onLine : undefined;
	const later = rows.filter((row) => Number(row.fixed.split('.')[0]) > major).sort((a, b) => compareVersions(a.fixed, b.fixed));
	return later[0];
}

const NAMES = new Set(ADVISORIES.map((row) => row.name));
const INSTALLED = findInstalled(NAMES);

describe('known advisories', () => {
	test.each([...NAMES])('%s is installed, so the check below is not empty', (name) => {
		expect(INSTALLED.some((installed) => installed.name === name)).toBe(true);
	});

	test('every installed copy of a package with a known advisory is at or above the release that fixed it', () => {
		const exposed = INSTALLED.flatMap(({ name, version, folder }) => {
			const open = findOpenAdvisory(name, version);
			return open ? [`${folder}: ${name}@${version} is below ${open.fixed}: ${open.advisory}, ${open.what} (${open.url})`] : [];
		});
		expect(exposed).toEqual([]);
	});

	test('gray-matter brings its own js-yaml 3.x, and that copy is checked too', () => {
		const grayMatterYaml = INSTALLED.filter(({ name, folder }) => name === 'js-yaml' && folder.includes(`gray-matter${path.sep}node_modules`));
		expect(grayMatterYaml.map(({ version }) => Number(version.split('.')[0]))).toEqual([3]);
	});

	test.each([
		['astro', '7.2.7', 'GHSA-26w7-cxv4-gfx2'],
		['astro', '6.4.6', 'GHSA-26w7-cxv4-gfx2'],
		['astro', '7.2.8-beta.1', 'GHSA-26w7-cxv4-gfx2'],
		['mdast-util-to-hast', '13.2.0', 'GHSA-4fh9-h7wg-q85m (CVE-2025-66400)'],
		['js-yaml', '3.14.1', 'GHSA-mh29-5h37-fv8m (CVE-2025-64718)'],
		['js-yaml', '4.1.0', 'GHSA-mh29-5h37-fv8m (CVE-2025-64718)'],
		['js-yaml', '2.1.3', 'GHSA-mh29-5h37-fv8m (CVE-2025-64718)'],
		['pagefind', '1.1.0', 'GHSA-gprj-6m2f-j9hx (CVE-2024-45389)'],
		['pagefind', '0.12.0', 'GHSA-gprj-6m2f-j9hx (CVE-2024-45389)'],
	])('%s@%s would fail the check (%s)', (name, version, advisory) => {
		expect(findOpenAdvisory(name, version)?.advisory).toBe(advisory);
	});

	test.each([
		['astro', '7.2.8'],
		['astro', '8.0.0'],
		['mdast-util-to-hast', '13.2.1'],
		['js-yaml', '3.14.2'],
		['js-yaml', '4.1.1'],
		['js-yaml', '5.0.0'],
		['pagefind', '1.1.1'],
	])('%s@%s passes the check', (name, version) => {
		expect(findOpenAdvisory(name, version)).toBeUndefined();
	});
});
