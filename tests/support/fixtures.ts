import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { load, type CheerioAPI } from 'cheerio';

const run = promisify(execFile);

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where a fixture archive lives. */
export function fixturePath(name: string, ...parts: string[]): string {
	return path.join(ROOT, 'tests', 'fixtures', name, ...parts);
}

/** The output folder of a fixture build (`dist` unless the build was given another). */
export function distPath(name: string, outDir = 'dist'): string {
	return fixturePath(name, outDir);
}

/** The result of one `astro build`. */
export interface BuildResult {
	ok: boolean;
	output: string;
}

/**
 * Builds a fixture archive with the project's own Astro and Node, returning its output instead of throwing,
 * so tests can assert on failures too.
 */
export async function buildFixture(
	name: string,
	options: {
		outDir?: string;
		env?: Record<string, string>;
		/** Ignore every cache: content store and incremental pages. */
		force?: boolean;
		/** Build with at most this many files open at once (`ulimit -n`). */
		openFiles?: number;
	} = {},
): Promise<BuildResult> {
	const args = ['build', '--config', path.join('tests', 'fixtures', name, 'astro.config.mjs')];
	if (options.outDir) args.push('--outDir', path.join('tests', 'fixtures', name, options.outDir));
	if (options.force) args.push('--force');
	const bin = path.join(ROOT, 'node_modules', '.bin');
	const [command, commandArgs] =
		options.openFiles === undefined
			? [path.join(bin, 'astro'), args]
			: ['bash', ['-c', `ulimit -n ${options.openFiles} && exec "$0" "$@"`, path.join(bin, 'astro'), ...args]];
	try {
		const { stdout, stderr } = await run(command, commandArgs, {
			cwd: ROOT,
			env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1', ...options.env },
			maxBuffer: 64 * 1024 * 1024,
		});
		return { ok: true, output: withoutColours(stdout + stderr) };
	} catch (error) {
		const failed = error as { stdout?: string; stderr?: string };
		return { ok: false, output: withoutColours(`${failed.stdout ?? ''}${failed.stderr ?? ''}`) };
	}
}

// Astro colours its log when it thinks a terminal is watching (CI=true among the cues); tests read plain text.
function withoutColours(text: string): string {
	return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Reads a built page (`/2025/07/24/slug/` → `.../index.html`) and parses it. */
export function readPage(name: string, urlPath: string, outDir = 'dist'): CheerioAPI {
	return load(readBuiltFile(name, urlPath, outDir));
}

/** The text of a built file, by its URL path. */
export function readBuiltFile(name: string, urlPath: string, outDir = 'dist'): string {
	const decoded = decodeURI(urlPath);
	const file = decoded.endsWith('/') ? path.join(distPath(name, outDir), decoded, 'index.html') : path.join(distPath(name, outDir), decoded);
	if (!existsSync(file)) throw new Error(`${urlPath} was not built (looked for ${file})`);
	return readFileSync(file, 'utf8');
}
