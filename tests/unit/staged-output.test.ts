import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { deleteFoldersInWorker, getPreviousOutputDir, getStagingDir, publishStagedBuild, recoverPublishedOutput } from '../../src/integrations/staged-output.ts';

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

/** A build folder holding one page that says which build wrote it. */
function writeBuild(folder: string, build: string): void {
	mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(folder, 'index.html'), build);
}

const pageOf = (folder: string) => readFileSync(path.join(folder, 'index.html'), 'utf8');

describe('publishing a staged build', () => {
	test('stages next to the output folder', () => {
		expect(getStagingDir(new URL('file:///site/dist/')).href).toBe('file:///site/dist.next/');
		expect(getPreviousOutputDir('/site/dist/')).toBe('/site/dist.previous');
	});

	test('moves the staged build in and keeps the one it replaced as dist.previous', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-staged-'));
		const dist = path.join(root, 'dist');
		writeBuild(dist, 'first');
		writeBuild(`${dist}.next`, 'second');
		publishStagedBuild(`${dist}.next`, dist);
		expect(pageOf(dist)).toBe('second');
		expect(pageOf(`${dist}.previous`)).toBe('first');
		expect(existsSync(`${dist}.next`)).toBe(false);
	});

	test('publishes a first build where there was no output yet', () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-staged-'));
		const dist = path.join(root, 'dist');
		writeBuild(`${dist}.next`, 'first');
		publishStagedBuild(`${dist}.next`, dist);
		expect(pageOf(dist)).toBe('first');
		expect(existsSync(`${dist}.previous`)).toBe(false);
	});

	test('the next build clears dist.previous, and a publish replaces one that is still there', async () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-staged-'));
		const dist = path.join(root, 'dist');
		writeBuild(dist, 'second');
		writeBuild(`${dist}.previous`, 'first');
		recoverPublishedOutput(dist);
		await deleteFoldersInWorker([getPreviousOutputDir(dist)]);
		expect(existsSync(`${dist}.previous`)).toBe(false);
		expect(pageOf(dist)).toBe('second');
		// Nothing left to clear is no error.
		recoverPublishedOutput(dist);
		await deleteFoldersInWorker([getPreviousOutputDir(dist)]);

		writeBuild(`${dist}.previous`, 'left by a killed build');
		writeBuild(`${dist}.next`, 'third');
		publishStagedBuild(`${dist}.next`, dist);
		expect(pageOf(dist)).toBe('third');
		expect(pageOf(`${dist}.previous`)).toBe('second');
	});

	test('a build killed between the two moves left the output in dist.previous: the next build puts it back', async () => {
		root = mkdtempSync(path.join(tmpdir(), 'clippings-staged-'));
		const dist = path.join(root, 'dist');
		writeBuild(`${dist}.previous`, 'published');
		recoverPublishedOutput(dist);
		await deleteFoldersInWorker([getPreviousOutputDir(dist)]);
		expect(pageOf(dist)).toBe('published');
		expect(existsSync(`${dist}.previous`)).toBe(false);
	});
});
