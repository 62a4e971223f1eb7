/**
 * The archive's Content Security Policy and the HTTP headers a host should send. The policy reaches every
 * page as a `<meta http-equiv>` element through Astro's `security.csp` (which hashes the scripts and styles
 * Astro itself emits); the headers that a `<meta>` cannot carry (`frame-ancestors`, `X-Content-Type-Options`,
 * `Referrer-Policy`) go in `public/_headers` for Netlify and Cloudflare Pages, and in docs/security.md for
 * other hosts.
 */
import type { AstroConfig } from 'astro';

/**
 * Directives beyond `script-src` and `style-src`, which Astro writes with its hashes. Photos come from this
 * site: the build refuses remote ones unless the site allows them (`remoteImages`), which adds `https:` to
 * `img-src` (see `getSecurityConfig`); everything else stays on this site.
 */
export const CSP_DIRECTIVES = [
	"default-src 'self'",
	"img-src 'self' data:",
	"media-src 'self' https:",
	"font-src 'self'",
	// Pagefind fetches its index chunks, and the service worker caches the archive.
	"connect-src 'self'",
	"worker-src 'self'",
	"manifest-src 'self'",
	"object-src 'none'",
	"frame-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
] as const;

/**
 * `script-src` sources besides Astro's hashes: the bundled scripts under `/_astro/` and Pagefind's
 * `pagefind.js` load from this site, and Pagefind compiles its WebAssembly search engine, which needs
 * `'wasm-unsafe-eval'` (it allows WebAssembly only, never `eval` of JavaScript).
 */
export const SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/**
 * `style-src` sources besides Astro's hashes. Inline `style` attributes are allowed (`style-src-attr`)
 * because charts set a CSS custom property per bar; article HTML can't carry any: the sanitiser drops them.
 */
export const STYLE_SOURCES = ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] as const;

/**
 * The `security` block of the Astro config: the Content Security Policy for every page. With
 * `remoteImages`, photos may also load from any https address, as the site settings then allow.
 * @example getSecurityConfig({ remoteImages: true }) // img-src 'self' data: https:
 */
export function getSecurityConfig({ remoteImages = false }: { remoteImages?: boolean } = {}): Partial<AstroConfig['security']> {
	const directives = CSP_DIRECTIVES.map((directive) => (remoteImages && directive.startsWith('img-src ') ? (`${directive} https:` as const) : directive));
	return {
		csp: {
			algorithm: 'SHA-256',
			directives,
			scriptDirective: { resources: [...SCRIPT_SOURCES] },
			styleDirective: { resources: [...STYLE_SOURCES] },
		},
	};
}

/**
 * Headers for every response, for hosts that let the site set them. `frame-ancestors` only works as a
 * header, never in a `<meta>` policy; this header policy adds to the page's own, it doesn't replace it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
	'X-Frame-Options': 'DENY',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The `_headers` file of Netlify and Cloudflare Pages: the security headers on every path.
 * @example formatHeadersFile() // '/*\n  Content-Security-Policy: frame-ancestors …'
 */
export function formatHeadersFile(headers: Readonly<Record<string, string>> = SECURITY_HEADERS): string {
	const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
	return `# Security headers for Netlify and Cloudflare Pages; generated from src/integrations/security.ts\n# (tests/unit/security-headers.test.ts keeps the two equal). Other hosts: docs/security.md.\n/*\n${lines.join('\n')}\n`;
}
