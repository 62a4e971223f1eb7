import matter from 'gray-matter';
import { afterEach, describe, expect, test } from 'vitest';
import { loadSafeYaml, MAX_FRONT_MATTER_LENGTH, splitFrontMatter } from '../../src/model/front-matter.ts';
import { formatProblem, parseArticle } from '../../src/model/parse-article.ts';

const FIELDS = "date: '2025-07-24'\nbylines: []\nsource: Wire\n";
const BODY = 'The story.\n';

function problemsOf(source: string | Uint8Array): string {
	const result = parseArticle(source, 'content/articles/hostile.md');
	if (result.ok) throw new Error('expected the article to be refused');
	return result.problems.map(formatProblem).join('\n');
}

/** Front-matter that sets `globalThis.pwned` if anything ever evaluates it. */
function codeFrontMatter(opening: string): string {
	return `${opening}\n{ title: (globalThis.pwned = ${JSON.stringify(opening)}, "x"), date: "2025-07-24", bylines: [], source: "W" }\n---\n${BODY}`;
}

const CODE_OPENINGS = ['---js', '---JS', '---Js', '---javascript', '---JavaScript', '---JAVASCRIPT', '--- js', '---  javascript  ', '---\tjs', '---js\t', '---coffee', '---CoffeeScript', '---cson'];

/** A "billion laughs" block: nine levels of nine aliases, a billion strings if expanded. */
const BILLION_LAUGHS = [
	'title: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
	...'bcdefghi'.split('').map((name, index) => {
		const previous = 'abcdefghi'[index]!;
		return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
	}),
].join('\n');

afterEach(() => {
	delete (globalThis as { pwned?: unknown }).pwned;
});

describe('front-matter that is code', () => {
	test("gray-matter on its own runs ---js front-matter even with engines: { js: false }, which is why we don't rely on it", () => {
		matter(codeFrontMatter('---js'), { engines: { js: false } } as never);
		expect((globalThis as { pwned?: unknown }).pwned).toBe('---js');
	});

	test.each(CODE_OPENINGS)('"%s" is refused and never evaluated', (opening) => {
		const problems = problemsOf(codeFrontMatter(opening));
		expect(problems).toMatch(/front-matter language ".+" is not allowed: it is code/);
		expect(problems).toContain('content/articles/hostile.md');
		expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
	});

	test.each(CODE_OPENINGS)('"%s" with Windows line endings is refused and never evaluated', (opening) => {
		expect(() => splitFrontMatter(codeFrontMatter(opening).replace(/\n/g, '\r\n'))).toThrow(/not allowed/);
		expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
	});

	test.each(['---json', '---toml', '---__proto__', '---yaml js', '----'])('"%s" is refused: only YAML is read', (opening) => {
		expect(problemsOf(`${opening}\n{}\n---\n${BODY}`)).toMatch(/is not allowed; only YAML/);
	});

	test.each(['---', '---yaml', '---YAML', '---yml', '--- yaml '])('"%s" opens YAML front-matter', (opening) => {
		const result = parseArticle(`${opening}\ntitle: Fine\n${FIELDS}---\n${BODY}`, 'a.md');
		expect(result.ok && result.article.data.title).toBe('Fine');
	});

	test.each([
		['a JavaScript function tag', 'title: !!js/function "function () { globalThis.pwned = 1 }"'],
		['a JavaScript regexp tag', 'title: !!js/regexp /x/'],
		['a JavaScript undefined tag', 'title: !!js/undefined ""'],
		['a Python object tag', 'title: !!python/object:os.system [ls]'],
	])('YAML with %s is refused', (_name, line) => {
		expect(problemsOf(`---\n${line}\n${FIELDS}---\n${BODY}`)).toMatch(/front-matter: not valid YAML: unknown .*tag/);
		expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
	});

	test('front-matter without a closing line is refused instead of swallowing the story', () => {
		expect(problemsOf(`---\ntitle: Open\n${FIELDS}The story.\n`)).toMatch(/no closing --- line/);
	});
});

describe('YAML that attacks the loader', () => {
	test.each([
		['__proto__', `__proto__:\n  polluted: yes\ntitle: x\n${FIELDS}`],
		['__proto__ in quotes', `"__proto__": { polluted: yes }\ntitle: x\n${FIELDS}`],
		['__proto__ in a correction', `title: x\n${FIELDS}corrections:\n  - date: '2025-07-25'\n    text: fixed\n    __proto__: { polluted: yes }`],
		['constructor.prototype', `constructor:\n  prototype:\n    polluted: yes\ntitle: x\n${FIELDS}`],
		['prototype', `title: x\n${FIELDS}tags:\n  - prototype: { polluted: yes }`],
	])('a %s key is refused and pollutes nothing', (_name, yaml) => {
		expect(problemsOf(`---\n${yaml}\n---\n${BODY}`)).toMatch(/may not use the key "(__proto__|constructor|prototype)"/);
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
	});

	test('a YAML merge key is refused: the core schema has no merge tag, so it would be a literal "<<" field', () => {
		expect(() => loadSafeYaml('base: &base { title: Hi }\nstory:\n  <<: *base')).toThrow(/"<<": YAML merge keys are not supported/);
		expect(problemsOf(`---\n<<: { title: Merged }\n${FIELDS}---\n${BODY}`)).toMatch(/"<<"/);
	});

	test('a "billion laughs" block is refused in well under 100 ms', () => {
		const source = `---\n${BILLION_LAUGHS}\n${FIELDS}---\n${BODY}`;
		parseArticle(source, 'warm-up.md');
		const started = performance.now();
		const problems = problemsOf(source);
		const elapsed = performance.now() - started;
		expect(problems).toMatch(/maxAliases/);
		expect(elapsed).toBeLessThan(100);
	});

	test('aliases under the limit load, and one object reached many times is walked once', () => {
		const fanOut = ['a: &a [x, y]', ...'bcdefghijklmnop'.split('').map((name, index) => `${name}: &${name} [*${'abcdefghijklmnop'[index]}, *${'abcdefghijklmnop'[index]}]`)].join('\n');
		const started = performance.now();
		expect(Object.keys(loadSafeYaml(fanOut))).toHaveLength(16);
		expect(performance.now() - started).toBeLessThan(100);
	});

	test.each([
		['flow lists', `title: ${'['.repeat(10_000)}${']'.repeat(10_000)}`],
		['block maps', Array.from({ length: 200 }, (_, depth) => `${'  '.repeat(depth)}level:`).join('\n')],
	])('deeply nested %s are refused quickly', (_name, yaml) => {
		const started = performance.now();
		expect(problemsOf(`---\n${yaml}\n---\n${BODY}`)).toMatch(/nesting exceeded maxDepth/);
		expect(performance.now() - started).toBeLessThan(100);
	});

	test('front-matter over the size limit is refused before YAML parses it', () => {
		const yaml = `title: x\n${FIELDS}summary: ${'a'.repeat(MAX_FRONT_MATTER_LENGTH)}`;
		expect(problemsOf(`---\n${yaml}\n---\n${BODY}`)).toMatch(/front-matter is \d+ characters; the limit is 65536/);
	});

	test('duplicate keys are refused instead of the last one silently winning', () => {
		expect(problemsOf(`---\ntitle: First\ntitle: Second\n${FIELDS}---\n${BODY}`)).toMatch(/duplicated mapping key/);
	});

	test('YAML dates stay the text that was written', () => {
		const data = loadSafeYaml('date: 2025-07-24\nupdated: 2025-07-24T10:00:00-04:00');
		expect(data).toEqual({ date: '2025-07-24', updated: '2025-07-24T10:00:00-04:00' });
	});
});
