/**
 * A Chinese and a Japanese archive for the search benchmark's CJK runs: `../shared/corpora` has no Chinese
 * or Japanese text, so the benchmark takes modern prose from Debian's translated manual pages
 * (`manpages-zh`, simplified Chinese; `manpages-ja`), fetched with `apt-get download` into `bench/.work/`
 * once. Each page becomes a story: its name line as the headline, its paragraphs as the text. This is not
 * news, but it is real modern Chinese and Japanese prose, which is what word splitting is tested on.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The languages, each with its Debian package and the folder of its pages in the package. */
const PACKAGES = {
	zh: { name: 'manpages-zh', folder: 'usr/share/man/zh_CN' },
	ja: { name: 'manpages-ja', folder: 'usr/share/man/ja' },
} as const;

export type CjkLanguage = keyof typeof PACKAGES;

/** One manual page as a story. */
export interface ManualStory {
	file: string;
	title: string;
	paragraphs: string[];
}

/**
 * The package's files, unpacked under `corpora` (downloaded the first time). Throws, saying what to install,
 * where `apt-get` or `dpkg-deb` is missing or the package can't be fetched.
 */
function unpack(corpora: string, lang: CjkLanguage): string {
	const { name, folder } = PACKAGES[lang];
	const target = path.join(corpora, name);
	if (existsSync(path.join(target, folder))) return path.join(target, folder);
	mkdirSync(target, { recursive: true });
	try {
		execFileSync('apt-get', ['download', name], { cwd: target, stdio: ['ignore', 'ignore', 'pipe'] });
		const deb = readdirSync(target).find((file) => file.endsWith('.deb'));
		if (!deb) throw new Error('apt-get wrote no .deb file');
		execFileSync('dpkg-deb', ['-x', deb, '.'], { cwd: target });
	} catch (error) {
		rmSync(target, { recursive: true, force: true });
		throw new Error(`the ${name} Debian package could not be fetched (apt-get download ${name}; run apt-get update first): ${(error as Error).message}`);
	}
	return path.join(target, folder);
}

/** Removes roff's font and character escapes from a line of a manual page. */
function plain(line: string): string {
	return line
		.replace(/\\f(\[[^\]]*\]|\(..|.)/g, '')
		.replace(/\\\(em|\\\(en/g, '—')
		.replace(/\\\((..)/g, '')
		.replace(/\\[,/&:^|]/g, '')
		.replace(/\\-/g, '-')
		.replace(/\\e/g, '\\')
		.replace(/\\ /g, ' ')
		.replace(/\\"/g, '')
		.replace(/\\(.)/g, '$1')
		.trim();
}

/**
 * A manual page's name line (`ls \- 列出目录内容`, the line after `.SH 名称`/`NAME`) and its paragraphs:
 * text lines joined until a paragraph macro (`.PP`, `.TP`, `.SH`, …).
 */
export function readManualPage(source: string): { title?: string; paragraphs: string[] } {
	const paragraphs: string[] = [];
	let current: string[] = [];
	let title: string | undefined;
	let inName = false;
	const close = () => {
		const text = current.join('').trim();
		if (text) paragraphs.push(text);
		current = [];
	};
	for (const line of source.split('\n')) {
		if (line.startsWith('.\\"') || line.startsWith("'\\\"")) continue;
		if (line.startsWith('.') || line.startsWith("'")) {
			const [macro = ''] = line.slice(1).split(/\s+/);
			close();
			if (macro === 'SH') inName = /名称|名前|NAME/i.test(line);
			// `.B text`, `.I text`: text in a font, part of the paragraph.
			if (/^(B|I|BR|IR|RB|RI|BI|IB)$/.test(macro)) current.push(plain(line.slice(macro.length + 1).replace(/"/g, '')));
			continue;
		}
		const text = plain(line);
		if (!text) continue;
		if (inName && title === undefined) {
			title = text.replace(/\s+-\s+/, '：');
			continue;
		}
		// Chinese and Japanese lines join without a space; a line ending in a Latin letter keeps one.
		current.push(/[\p{L}\p{N}]$/u.test(current.at(-1) ?? '') && /^[A-Za-z0-9]/.test(text) ? ` ${text}` : text);
	}
	close();
	return { title, paragraphs };
}

/** Every page of the language's manual with a name line and at least `minimum` characters of text, by file name. */
export function readManualStories(corpora: string, lang: CjkLanguage, minimum = 200): ManualStory[] {
	const root = unpack(corpora, lang);
	const stories: ManualStory[] = [];
	for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
		if (!file.endsWith('.gz')) continue;
		const { title, paragraphs } = readManualPage(gunzipSync(readFileSync(path.join(root, file))).toString('utf8'));
		if (title && paragraphs.join('').length >= minimum) stories.push({ file, title, paragraphs });
	}
	return stories;
}

/**
 * Writes the stories as articles into `folder/content/articles/` (dated a day apart from 2020, so each has its
 * own address) and returns the content folder.
 */
export function writeManualArchive(folder: string, lang: CjkLanguage, stories: readonly ManualStory[]): string {
	const articles = path.join(folder, 'content', 'articles');
	rmSync(path.join(folder, 'content'), { recursive: true, force: true });
	mkdirSync(articles, { recursive: true });
	const start = Date.UTC(2020, 0, 1);
	stories.forEach((story, index) => {
		const date = new Date(start + index * 86_400_000).toISOString().slice(0, 10);
		const front = [`title: ${JSON.stringify(story.title)}`, `date: '${date}'`, 'bylines: []', `source: ${JSON.stringify(PACKAGES[lang].name)}`, `lang: ${lang}`];
		// Text that looks like Markdown syntax (a leading `#`, `*`, `1.`) stays text.
		const body = story.paragraphs.map((paragraph) => paragraph.replace(/^([#>*+-]|\d+\.)/, '\\$1').replace(/[<>]/g, (mark) => (mark === '<' ? '&lt;' : '&gt;'))).join('\n\n');
		writeFileSync(path.join(articles, `${lang}-${String(index).padStart(4, '0')}.md`), `---\n${front.join('\n')}\n---\n\n${body}\n`);
	});
	return path.join(folder, 'content');
}
