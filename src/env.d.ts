declare module 'virtual:clippings/config' {
	const config: import('./model/config.ts').SiteConfig;
	export default config;
}
