/**
 * The output folder changes in one step. A build writes into a staging folder beside it (`dist.next/`) and
 * only a build that passed every check (search index, ledger) replaces `dist/` with it, so a build that fails
 * or is killed at any moment leaves the previous `dist/` whole: a host never serves half an archive.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder a build writes into before it is published: `dist/` → `dist.next/`. */
export function getStagingDir(outDir: URL): URL {
	return new URL(`${fileURLToPath(outDir).replace(/[\\/]+$/, '')}.next/`, 'file:///');
}

/**
 * Replaces the output folder with the staged build: the old one is moved aside, the new one moved in, the old
 * one removed. A build killed between the two moves leaves `dist.previous/`, which the next publish clears.
 */
export function publishStagedBuild(staging: URL | string, outDir: URL | string): void {
	const from = toPath(staging);
	const to = toPath(outDir);
	const previous = `${to}.previous`;
	rmSync(previous, { recursive: true, force: true });
	if (existsSync(to)) renameSync(to, previous);
	renameSync(from, to);
	rmSync(previous, { recursive: true, force: true });
}

function toPath(folder: URL | string): string {
	return (typeof folder === 'string' ? folder : fileURLToPath(folder)).replace(/[\\/]+$/, '');
}

