import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SiteConfig } from '../model/config.ts';

/**
 * Reads the archive's validated settings from `astro.config.mjs` the way Astro does — by importing it — and
 * takes them from the `clippings()` integration, so the command-line tools and the site agree on the time
 * zone and the content folder. Throws a reader-facing error when the file or the integration is missing.
 */
export async function loadSiteSettings(configFile: string): Promise<SiteConfig> {
	const absolute = path.resolve(configFile);
	let module: { default?: { integrations?: unknown[] } };
	try {
		module = (await import(pathToFileURL(absolute).href)) as typeof module;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(absolute)) {
			throw new Error(`cannot find ${configFile}; run this from the project folder or pass --config path/to/astro.config.mjs`);
		}
		throw new Error(`cannot load ${configFile}: ${(error as Error).message}`, { cause: error });
	}
	const integrations = (module.default?.integrations ?? []).flat(Infinity) as { name?: string; config?: SiteConfig }[];
	const clippings = integrations.find((integration) => integration?.name === 'clippings');
	if (!clippings?.config) throw new Error(`${configFile} does not use the clippings() integration, so it names no content folder or time zone`);
	return clippings.config;
}

/**
 * Astro's cache folder as `astro.config.mjs` sets it (`cacheDir`), else Astro's default, `node_modules/.astro`:
 * where a build keeps what a later command needs, such as the search records of the portable copy.
 */
export async function loadCacheDir(configFile: string): Promise<string> {
	const module = (await import(pathToFileURL(path.resolve(configFile)).href)) as { default?: { cacheDir?: string | URL } };
	const cacheDir = module.default?.cacheDir;
	if (cacheDir instanceof URL) return fileURLToPath(cacheDir);
	return path.resolve(cacheDir ?? 'node_modules/.astro');
}

/** Whether progress should be drawn in place (a terminal) or written as plain lines (pipes, files, CI). */
export function isInteractive(stream: NodeJS.WriteStream): boolean {
	return Boolean(stream.isTTY) && !process.env.CI;
}

/**
 * The start every command shares: parse its flags (usage and exit status 2 on a bad one, usage and 0 for
 * `--help`), then read the site settings from `--config` (exit status 2 when they can't be read). Returns the
 * parsed flags with the settings, or the exit status to stop with.
 */
export async function startCommand<T extends ParseArgsConfig>(
	config: T,
	usage: string,
): Promise<{ parsed: ReturnType<typeof parseArgs<T>>; settings: SiteConfig } | number> {
	let parsed: ReturnType<typeof parseArgs<T>>;
	try {
		parsed = parseArgs(config);
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${usage}`);
		return 2;
	}
	const values = parsed.values as { help?: boolean; config?: string };
	if (values.help) {
		console.log(usage);
		return 0;
	}
	try {
		return { parsed, settings: await loadSiteSettings(values.config ?? 'astro.config.mjs') };
	} catch (error) {
		console.error((error as Error).message);
		return 2;
	}
}
