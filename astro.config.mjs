// @ts-check
import { defineConfig } from 'astro/config';
import clippings from './src/integrations/clippings.ts';

// The demo shows off the interface languages and theming: `CLIPPINGS_DEMO_LANG=ar npm start` builds it with
// the Arabic interface (also de, fr, es, zh), `CLIPPINGS_DEMO_THEME=harbour npm start` with another look.
const lang = process.env.CLIPPINGS_DEMO_LANG ?? 'en';

/** A second look for the demo, set entirely here (docs/theming.md lists every token). */
const harbourTheme = {
	colors: {
		light: { paper: '#f4f7f6', ink: '#0b2530', accent: '#0b6e4f', link: '#0a5a8a', wash: '#e3ecea' },
		dark: { paper: '#0d1b21', ink: '#e8f1ef', accent: '#6fd3b0', link: '#8cc8f0', wash: '#16303a' },
	},
	fonts: { display: "'Avenir Next', 'Segoe UI', system-ui, sans-serif" },
	widths: { page: '64rem' },
	footer: 'Demo theme “harbour”: colours, fonts and widths set in astro.config.mjs, not in src/.',
};

export default defineConfig({
	integrations: [
		clippings({
			title: 'Clippings',
			description: 'A demo archive: the user’s CNN story and the public-domain 18F blog.',
			url: 'https://clippings.example.org',
			base: '/',
			timeZone: 'America/New_York',
			lang,
			pageSize: 20,
			intro: {
				lang: 'en',
				text:
					'You are reading a demo of Clippings, a static news-archive generator. It holds one CNN story, “US recalls its negotiating team from Gaza ceasefire talks in Doha” (24 July 2025), and the 509 posts of the 18F blog, which is in the public domain. Browse by date, byline, source or topic, search it (also offline), and cite any story. The same archive can speak Deutsch, Français, Español, العربية and 简体中文, and take on another look, from its settings alone.',
				links: [
					{ label: 'The CNN story', href: '/2025/07/24/us-recalls-its-negotiating-team-from-gaza-ceasefire-talks-in-doha/' },
					{ label: 'The 18F blog', href: '/sources/18f/' },
					{ label: 'Browse the archive', href: '/archive/' },
				],
			},
			...(process.env.CLIPPINGS_DEMO_THEME === 'harbour' ? { theme: harbourTheme } : {}),
		}),
	],
});
