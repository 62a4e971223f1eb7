import matter from 'gray-matter';
import { CORE_SCHEMA, dump, load } from 'js-yaml';

/** Largest front-matter block accepted, in characters; real articles stay far below it. */
export const MAX_FRONT_MATTER_LENGTH = 64 * 1024;

/** Deepest nesting of lists and maps in front-matter; the schema itself needs three levels. */
export const MAX_FRONT_MATTER_DEPTH = 16;

/** Most `*alias` references in one front-matter block, which keeps "billion laughs" expansions small. */
export const MAX_FRONT_MATTER_ALIASES = 32;

const OPENING = /^---([^\n]*)\n/;
const CLOSING = /\n---/;

/** Keys that could reach an object's prototype in code that copies front-matter around, and YAML's merge key. */
const FORBIDDEN_KEYS: ReadonlyMap<string, string> = new Map([
	['__proto__', 'it could change every object in the build'],
	['constructor', 'it could change every object in the build'],
	['prototype', 'it could change every object in the build'],
	['<<', 'YAML merge keys are not supported; write the fields out'],
]);

/** Every name gray-matter maps to its JavaScript or CoffeeScript engine, which would run the block as code. */
const CODE_ENGINES = ['js', 'javascript', 'coffee', 'coffeescript', 'cson'];

function refuseEngine(name: string) {
	return () => {
		throw new Error(`front-matter in "${name}" is code and is never run; use YAML between --- lines`);
	};
}

/**
 * Loads YAML without executing anything: core schema only (dates stay text, no `!!js` or merge tags),
 * bounded size, depth and aliases, no prototype or merge keys.
 * @example loadSafeYaml('title: Hi\ntags: [a, b]') // { title: 'Hi', tags: ['a', 'b'] }
 */
export function loadSafeYaml(source: string): Record<string, unknown> {
	if (source.length > MAX_FRONT_MATTER_LENGTH) {
		throw new Error(`front-matter is ${source.length} characters; the limit is ${MAX_FRONT_MATTER_LENGTH}`);
	}
	let value: unknown;
	try {
		value = load(source, { schema: CORE_SCHEMA, maxDepth: MAX_FRONT_MATTER_DEPTH, maxAliases: MAX_FRONT_MATTER_ALIASES });
	} catch (error) {
		const message = (error as Error).message.split('\n')[0]!;
		if (/expected a document/.test(message)) return {};
		throw new Error(`not valid YAML: ${message}`, { cause: error });
	}
	if (value === null || value === undefined) return {};
	if (typeof value !== 'object' || Array.isArray(value)) throw new Error('front-matter must be a set of "field: value" lines');
	assertNoForbiddenKeys(value, new WeakSet());
	return value as Record<string, unknown>;
}

// `seen` makes the walk linear: aliases let one object appear many times.
function assertNoForbiddenKeys(value: unknown, seen: WeakSet<object>): void {
	if (value === null || typeof value !== 'object' || seen.has(value)) return;
	seen.add(value);
	for (const key of Object.keys(value)) {
		const why = FORBIDDEN_KEYS.get(key);
		if (why) throw new Error(`front-matter may not use the key "${key}": ${why}`);
		assertNoForbiddenKeys((value as Record<string, unknown>)[key], seen);
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
 * Code engines are refused twice over: by the opening line check here, and by replacing gray-matter's
 * own engines (`engines: { js: false }` would not stop gray-matter from running `---js`).
 */
export function splitFrontMatter(source: string): SplitArticle {
	const opening = OPENING.exec(source);
	if (!opening) throw new Error('the file does not start with front-matter between --- lines');
	const language = opening[1]!.trim();
	if (language !== '' && !/^ya?ml$/i.test(language)) {
		const why = CODE_ENGINES.includes(language.toLowerCase()) ? ': it is code, and code in an article is never run' : '';
		throw new Error(`front-matter language "${language}" is not allowed${why}; only YAML between --- lines is read`);
	}
	if (!CLOSING.test(source.slice(opening[0].length - 1))) throw new Error('the front-matter has no closing --- line');
	const parsed = matter(source, {
		language: 'yaml',
		engines: {
			yaml: { parse: loadSafeYaml, stringify: () => '' },
			...Object.fromEntries(CODE_ENGINES.map((name) => [name, refuseEngine(name)])),
		},
	});
	return { data: parsed.data as Record<string, unknown>, body: parsed.content };
}

/**
 * Writes an article file — YAML front-matter between `---` lines, then the body — with the YAML library and
 * version that `loadSafeYaml` reads it with, so what is written reads back the same. One line per value
 * (`lineWidth: -1`), so a long summary is never folded; strings YAML would read as dates, numbers or booleans
 * are quoted (`date: '2025-07-24'`).
 * @example stringifyFrontMatter({ title: 'Hi', date: '2025-07-24' }, 'Text.\n') // "---\ntitle: Hi\ndate: '2025-07-24'\n---\nText.\n"
 */
export function stringifyFrontMatter(data: Record<string, unknown>, body: string): string {
	return `---\n${dump(data, { lineWidth: -1 })}---\n${body.endsWith('\n') ? body : `${body}\n`}`;
}
