declare module 'virtual:clippings/config' {
	const config: import('./lib/config.ts').SiteConfig;
	export default config;
}
