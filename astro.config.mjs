// @ts-check
import { defineConfig } from 'astro/config';
import clippings from './src/integrations/clippings.ts';

export default defineConfig({
	integrations: [
		clippings({
			title: 'Clippings',
			description: 'A demo archive: the user’s CNN story and the public-domain 18F blog.',
			url: 'https://clippings.example.org',
			base: '/',
			timeZone: 'America/New_York',
			lang: 'en',
			pageSize: 20,
		}),
	],
});
