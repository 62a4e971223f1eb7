import matter from 'gray-matter';
import { CORE_SCHEMA, load } from 'js-yaml';

/** Largest front-matter block accepted, in characters; real articles stay far below it. */
export const MAX_FRONT_MATTER_LENGTH = 64 * 1024;

const OPENING = /^---[ \t]*([^\n]*)\n/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function refuseEngine(name: string) {
	return () => {
		throw new Error(`front-matter in "${name}" is code and is never run; use YAML between --- lines`);
	};
}

/**
 * Loads YAML without executing anything: core schema only (dates stay text), no merge keys,
 * bounded depth and aliases, no prototype keys.
 */
export function loadSafeYaml(source: string): Record<string, unknown> {
	if (source.length > MAX_FRONT_MATTER_LENGTH) {
		throw new Error(`front-matter is ${source.length} characters; the limit is ${MAX_FRONT_MATTER_LENGTH}`);
	}
	const value = load(source, { schema: CORE_SCHEMA, maxDepth: 16, maxAliases: 32 }) ?? {};
	if (typeof value !== 'object' || Array.isArray(value)) throw new Error('front-matter must be a set of "field: value" lines');
	assertNoForbiddenKeys(value);
	return value as Record<string, unknown>;
}

function assertNoForbiddenKeys(value: unknown): void {
	if (value === null || typeof value !== 'object') return;
	for (const key of Object.keys(value)) {
		if (FORBIDDEN_KEYS.has(key)) throw new Error(`front-matter may not use the key "${key}"`);
		assertNoForbiddenKeys((value as Record<string, unknown>)[key]);
	}
}

/** The raw split of a Markdown file into front-matter data and body. */
export interface SplitArticle {
	data: Record<string, unknown>;
	body: string;
}

/**
 * Splits a Markdown file with gray-matter, accepting only YAML front-matter. Throws with a reader-facing
 * message on anything else (JavaScript or CoffeeScript front-matter, missing front-matter, bad YAML).
 */
export function splitFrontMatter(source: string): SplitArticle {
	const opening = OPENING.exec(source);
	if (!opening) throw new Error('the file does not start with front-matter between --- lines');
	const language = opening[1]!.trim().toLowerCase();
	if (language !== '' && language !== 'yaml' && language !== 'yml') {
		throw new Error(`front-matter language "${opening[1]!.trim()}" is not allowed; only YAML is read`);
	}
	const parsed = matter(source, {
		language: 'yaml',
		engines: {
			yaml: { parse: loadSafeYaml, stringify: () => '' },
			js: refuseEngine('js'),
			javascript: refuseEngine('javascript'),
			coffee: refuseEngine('coffee'),
			coffeescript: refuseEngine('coffeescript'),
			cson: refuseEngine('cson'),
		},
	} as matter.GrayMatterOption<string, never>);
	return { data: parsed.data as Record<string, unknown>, body: parsed.content };
}
