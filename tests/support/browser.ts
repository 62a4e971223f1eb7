import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, or the one named by `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags Chromium needs on these machines: headless, no sandbox as root, no calls home. */
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

/** A headless Chromium with a fresh profile; `close()` removes the profile. */
export interface TestBrowser {
	context: BrowserContext;
	close: () => Promise<void>;
}

/**
 * Starts headless Chromium with the flags this machine needs and a throwaway `--user-data-dir`;
 * `javaScriptEnabled: false` reads pages the way a reader with JavaScript off does.
 */
export async function launchBrowser(options: { offline?: boolean; javaScriptEnabled?: boolean } = {}): Promise<TestBrowser> {
	const profile = mkdtempSync(path.join(tmpdir(), 'clippings-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_FLAGS,
		offline: options.offline ?? false,
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		viewport: { width: 1280, height: 900 },
	});
	return {
		context,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
