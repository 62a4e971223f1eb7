import type { AstroIntegration } from 'astro';
import { parseSiteConfig, type SiteConfig, type SiteConfigInput } from '../lib/config.ts';
import { verifyBuildLedger } from './ledger.ts';
import { writeSearch } from './search.ts';
import { getSecurityConfig } from './security.ts';

const VIRTUAL_CONFIG = 'virtual:clippings/config';

/**
 * The Clippings integration: validates the site settings, hands them to Astro (site, base) and to the
 * pages and loader (`virtual:clippings/config`).
 * @example clippings({ title: 'The Daily Clippings', url: 'https://news.example.org', timeZone: 'America/New_York' })
 */
export default function clippings(options: SiteConfigInput): AstroIntegration & { config: SiteConfig } {
	const site: SiteConfig = parseSiteConfig(options);
	return {
		name: 'clippings',
		/** The validated settings, for the command-line tools that read `astro.config.mjs` without Astro. */
		config: site,
		hooks: {
			'astro:config:setup': ({ updateConfig }) => {
				updateConfig({
					site: site.url,
					base: site.base,
					// Rendering a page mostly waits on the file system; a few at a time keeps the CPU busy
					// (10,000 stories: 40 s → 28 s of page generation on 2 cores).
					build: { format: 'directory', concurrency: 4 },
					security: getSecurityConfig({ remoteImages: site.remoteImages }),
					// Article pages carry an exact cacheKey, so an unchanged story's page is copied from the last build.
					experimental: { incrementalBuild: true },
					vite: {
						plugins: [
							{
								name: 'clippings:config',
								resolveId: (id) => (id === VIRTUAL_CONFIG ? `\0${VIRTUAL_CONFIG}` : undefined),
								load: (id) => (id === `\0${VIRTUAL_CONFIG}` ? `export default ${JSON.stringify(site)};` : undefined),
							},
						],
					},
				});
			},
			'astro:build:done': async ({ dir, logger }) => {
				const search = await writeSearch({ outDir: dir, base: site.base, logger });
				verifyBuildLedger({ outDir: dir, searchRecords: search.indexed.articles, logger });
			},
		},
	};
}
