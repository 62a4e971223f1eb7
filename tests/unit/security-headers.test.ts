import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CSP_DIRECTIVES, formatHeadersFile, getSecurityConfig, SECURITY_HEADERS } from '../../src/integrations/security.ts';
import { ROOT } from '../support/fixtures.ts';

const csp = getSecurityConfig().csp;
if (typeof csp !== 'object') throw new Error('expected security.csp to be a configuration object');
const scriptSources = (csp.scriptDirective?.resources ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.resource));

describe('the Content Security Policy', () => {
	test("scripts load only from this site and Astro's hashes: no inline scripts, no eval", () => {
		expect(scriptSources).toContain("'self'");
		expect(scriptSources).not.toContain("'unsafe-inline'");
		expect(scriptSources).not.toContain("'unsafe-eval'");
		expect(scriptSources.filter((source) => source !== "'self'" && source !== "'wasm-unsafe-eval'")).toEqual([]);
	});

	test("Pagefind can compile its WebAssembly and the search worker and service worker load from 'self'", () => {
		expect(scriptSources).toContain("'wasm-unsafe-eval'");
		expect(CSP_DIRECTIVES).toContain("worker-src 'self'");
		expect(CSP_DIRECTIVES).toContain("connect-src 'self'");
	});

	test.each(["default-src 'self'", "object-src 'none'", "frame-src 'none'", "base-uri 'self'", "form-action 'self'"])('includes %s', (directive) => {
		expect(csp.directives).toContain(directive);
	});

	test('leaves script-src and style-src to Astro, which refuses them among the other directives', () => {
		expect((csp.directives ?? []).filter((directive) => /^(script|style)-src/.test(directive))).toEqual([]);
	});
});

describe('the headers file for Netlify and Cloudflare Pages', () => {
	test.each([
		['Content-Security-Policy', /frame-ancestors 'none'/],
		['X-Frame-Options', /^DENY$/],
		['X-Content-Type-Options', /^nosniff$/],
		['Referrer-Policy', /^strict-origin-when-cross-origin$/],
	])('sends %s', (name, value) => {
		expect(SECURITY_HEADERS[name]).toMatch(value);
	});

	test('public/_headers is exactly what src/integrations/security.ts generates', () => {
		expect(readFileSync(path.join(ROOT, 'public', '_headers'), 'utf8')).toBe(formatHeadersFile());
	});

	test('every header applies to every path, indented under one rule', () => {
		const lines = formatHeadersFile().split('\n').filter((line) => line && !line.startsWith('#'));
		expect(lines[0]).toBe('/*');
		for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}[A-Za-z-]+: \S/);
		expect(lines).toHaveLength(1 + Object.keys(SECURITY_HEADERS).length);
	});
});
