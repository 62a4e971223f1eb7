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
					build: { format: 'directory' },
					security: getSecurityConfig(),
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
