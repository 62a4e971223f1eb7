import { createSeededRandom } from '../../tests/support/seeded-random.ts';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { slugify } from '../../src/model/slug.ts';

/** The Reuters-21578 newswire, read from the shared corpora beside the project. */
export const REUTERS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpora/reuters21578');

const MONTHS: Record<string, string> = { JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12' };

/** One Reuters story with the fields an archive article needs. */
export interface ReutersStory {
	id: string;
	title: string;
	date: string;
	dateline?: string;
	bylines: string[];
	tags: string[];
	paragraphs: string[];
}

function decodeEntities(text: string): string {
	return text
		.replace(/&#(\d+);/g, (_, code: string) => (Number(code) < 32 ? '' : String.fromCodePoint(Number(code))))
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

function pick(block: string, tag: string): string | undefined {
	const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(block);
	return match ? decodeEntities(match[1]!).trim() : undefined;
}

function toTitleCase(text: string): string {
	return text.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** Reads every story with a title and a body, in corpus order. */
export function readReutersStories(): ReutersStory[] {
	const stories: ReutersStory[] = [];
	const files = readdirSync(REUTERS_DIR).filter((name) => name.endsWith('.sgm')).sort();
	for (const file of files) {
		const text = new TextDecoder('windows-1252').decode(readFileSync(path.join(REUTERS_DIR, file)));
		for (const block of text.split('</REUTERS>')) {
			const title = pick(block, 'TITLE');
			const body = pick(block, 'BODY');
			const rawDate = pick(block, 'DATE');
			const id = /NEWID="(\d+)"/.exec(block)?.[1];
			if (!title || !body || !rawDate || !id) continue;
			const dateMatch = /^(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})/.exec(rawDate);
			const dayMatch = /^(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(rawDate);
			if (!dayMatch) continue;
			const day = `${dayMatch[3]}-${MONTHS[dayMatch[2]!]}-${dayMatch[1]!.padStart(2, '0')}`;
			const date = dateMatch && Number(dateMatch[4]) < 24 ? `${day}T${dateMatch[4]!.padStart(2, '0')}:${dateMatch[5]}:${dateMatch[6]}` : day;
			const author = pick(block, 'AUTHOR')?.replace(/^by\s+/i, '').replace(/,\s*Reuters?$/i, '');
			const paragraphs = body
				.replace(/\s*Reuter\s*$/, '')
				.split(/\n\s{3,}/)
				.map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
				.filter(Boolean);
			if (paragraphs.length === 0) continue;
			const topics = [...(/<TOPICS>([\s\S]*?)<\/TOPICS>/.exec(block)?.[1] ?? '').matchAll(/<D>([^<]+)<\/D>/g)].map((match) => match[1]!);
			stories.push({
				id,
				title: toTitleCase(title.replace(/\s+/g, ' ')),
				date,
				dateline: pick(block, 'DATELINE')?.replace(/,.*$/, '').trim() || undefined,
				bylines: author ? [toTitleCase(author)] : [],
				tags: topics,
				paragraphs,
			});
		}
	}
	return stories;
}


/** Bump when the generated archive changes, so that archives left in `bench/.work/` are written again. */
const ARCHIVE_VERSION = 2;
const MANIFEST = 'archive.json';
/** Recombined stories are dated over these forty years (1987-01-01 to 2026-12-31). */
const FIRST_DAY = Date.UTC(1987, 0, 1);
const DAYS = 40 * 365 + 10;
const DAY_MS = 86_400_000;
/** The folder under `articles/` that holds the day's new stories while the build bench measures them. */
export const NEW_DAY_FOLDER = 'bench-new-day';

/** How to write a bench archive. */
export interface ArchiveOptions {
	/**
	 * Leave out corpus stories whose address (day + headline slug) repeats an earlier story's. Only for a branch
	 * whose build still refuses repeated headlines (issue 12); the benches set it from `BENCH_DISTINCT_ADDRESSES=1`.
	 */
	distinctAddresses?: boolean;
	/**
	 * Every story recombined, dated over 1987–2026, none of the corpus's own (all from 1987): an archive whose
	 * years can be split into shards (`npm run bench -- shards`).
	 */
	spread?: boolean;
}

/** What a written archive holds, saved as `archive.json` beside `content/`; also how a finished archive is known. */
export interface ArchiveManifest {
	version: number;
	count: number;
	distinctAddresses: boolean;
	spread?: boolean;
	/** Stories as the corpus has them (all dated 1987). */
	corpusStories: number;
	/** Stories recombined from corpus paragraphs, headlines and bylines, dated over 1987–2026. */
	recombinedStories: number;
	/** Stories whose address repeats an earlier story's: the corpus's own repeated headlines, kept on purpose. */
	repeatedAddresses: number;
	/** The last publication day in the archive (`YYYY-MM-DD`). */
	lastDay: string;
}

/** The archive options the benches use, from the environment (`BENCH_DISTINCT_ADDRESSES=1`). */
export function getBenchArchiveOptions(): ArchiveOptions {
	return { distinctAddresses: process.env.BENCH_DISTINCT_ADDRESSES === '1' };
}

/** The folder name of a bench archive of `count` stories, distinct per option so that archives never mix. */
export function getArchiveFolderName(count: number, options: ArchiveOptions = {}): string {
	return `reuters-${count}${options.distinctAddresses ? '-distinct' : ''}${options.spread ? '-spread' : ''}`;
}


function escapeMarkdown(paragraph: string): string {
	return paragraph.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}

function toMarkdown(story: ReutersStory, source = 'Reuters'): string {
	const data: Record<string, unknown> = { title: story.title, date: story.date, bylines: story.bylines, source };
	if (story.dateline) data.dateline = story.dateline;
	if (story.tags.length) data.tags = story.tags;
	return matter.stringify(`${story.paragraphs.map(escapeMarkdown).join('\n\n')}\n`, data);
}

function getAddressKey(story: Pick<ReutersStory, 'date' | 'title'>): string {
	return `${story.date.slice(0, 10)}/${slugify(story.title)}`;
}

/**
 * Makes new stories out of the corpus: the lede, dateline, topics and time of day of one story, the rest of
 * its length in paragraphs drawn from anywhere in the corpus, a headline joining the first half of its own to
 * the second half of another's, and a byline from the corpus's reporters (or first and last names recombined).
 */
class StoryMixer {
	private readonly stories: ReutersStory[];
	private readonly paragraphs: string[];
	private readonly firstNames: string[];
	private readonly lastNames: string[];

	constructor(stories: ReutersStory[]) {
		this.stories = stories;
		this.paragraphs = stories.flatMap((story) => story.paragraphs.slice(1));
		const names = [...new Set(stories.flatMap((story) => story.bylines))].sort();
		// Forty of each keep the byline pages of a large archive in the hundreds, as a newsroom's would be.
		this.firstNames = [...new Set(names.map((name) => name.split(' ')[0]!))].slice(0, 40);
		this.lastNames = [...new Set(names.map((name) => name.split(' ').at(-1)!))].slice(0, 40);
	}

	/** The story numbered `seed`, on `day` (`YYYY-MM-DD`) or on a day of 1987–2026 chosen by the seed. */
	mix(seed: number, id: string, day?: string): ReutersStory {
		const random = createSeededRandom(seed);
		const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
		const base = pick(this.stories);
		const date = day ?? new Date(FIRST_DAY + Math.floor(random() * DAYS) * DAY_MS).toISOString().slice(0, 10);
		const time = base.date.slice(10);
		const head = base.title.split(' ');
		const tail = pick(this.stories).title.split(' ');
		const title = [...head.slice(0, Math.ceil(head.length / 2)), ...tail.slice(Math.floor(tail.length / 2))].join(' ');
		let bylines = base.bylines;
		if (bylines.length === 0 && random() < 0.35) {
			const name = () => `${pick(this.firstNames)} ${pick(this.lastNames)}`;
			bylines = random() < 0.1 ? [name(), name()] : [name()];
		}
		const paragraphs = [base.paragraphs[0]!];
		while (paragraphs.length < base.paragraphs.length) paragraphs.push(pick(this.paragraphs));
		return { id, title, date: date + time, dateline: base.dateline, bylines, tags: base.tags, paragraphs };
	}

	/** A mixed story whose address is not in `taken` (and is then added to it). */
	mixDistinct(seed: number, id: string, taken: Set<string>, day?: string): ReutersStory {
		for (let attempt = 0; ; attempt++) {
			const story = this.mix(seed + attempt * 0x9e3779b1, id, day);
			const key = getAddressKey(story);
			if (!taken.has(key) && slugify(story.title)) {
				taken.add(key);
				return story;
			}
		}
	}
}

function readManifest(folder: string): ArchiveManifest | undefined {
	try {
		return JSON.parse(readFileSync(path.join(folder, MANIFEST), 'utf8')) as ArchiveManifest;
	} catch {
		return undefined;
	}
}

/** The manifest of an archive written by `writeReutersArchive`, given its `content/` folder. */
export function readArchiveManifest(content: string): ArchiveManifest {
	const manifest = readManifest(path.dirname(content));
	if (!manifest) throw new Error(`${content} was not written by writeReutersArchive (no ${MANIFEST} beside it)`);
	return manifest;
}

/**
 * Writes an archive of `count` Reuters stories as Markdown articles under `folder/content/articles/YYYY/`, and
 * returns its `content/` folder. The corpus's stories come first, in corpus order, with their own repeated
 * headlines (the same address on the same day, as real archives have them); beyond the corpus (~19,000 stories)
 * stories are recombined from its paragraphs, headlines and bylines, dated over 1987–2026, each at an address of
 * its own. Deterministic; streams to disk (100,000 stories in well under a minute); reuses the folder when it
 * already holds this archive.
 */
export function writeReutersArchive(folder: string, count: number, options: ArchiveOptions = {}): string {
	const content = path.join(folder, 'content');
	const distinctAddresses = options.distinctAddresses ?? false;
	const spread = options.spread ?? false;
	const existing = readManifest(folder);
	if (existing?.version === ARCHIVE_VERSION && existing.count === count && existing.distinctAddresses === distinctAddresses && (existing.spread ?? false) === spread) return content;
	rmSync(folder, { recursive: true, force: true });
	const articles = path.join(content, 'articles');
	const folders = new Set<string>();
	const write = (story: ReutersStory, name: string) => {
		const year = path.join(articles, story.date.slice(0, 4));
		if (!folders.has(year)) {
			mkdirSync(year, { recursive: true });
			folders.add(year);
		}
		writeFileSync(path.join(year, name), toMarkdown(story));
	};
	const stories = readReutersStories();
	const taken = new Set<string>();
	let corpusStories = 0;
	let repeatedAddresses = 0;
	let lastDay = '';
	for (const story of stories) {
		if (corpusStories === count || spread) break;
		const key = getAddressKey(story);
		if (taken.has(key)) {
			if (distinctAddresses) continue;
			repeatedAddresses++;
		}
		taken.add(key);
		write(story, `${story.id}.md`);
		corpusStories++;
		if (story.date.slice(0, 10) > lastDay) lastDay = story.date.slice(0, 10);
	}
	const mixer = new StoryMixer(stories);
	const recombinedStories = count - corpusStories;
	for (let number = 1; number <= recombinedStories; number++) {
		const story = mixer.mixDistinct(number, `mix-${number}`, taken);
		write(story, `${story.id}.md`);
		if (story.date.slice(0, 10) > lastDay) lastDay = story.date.slice(0, 10);
	}
	const manifest: ArchiveManifest = { version: ARCHIVE_VERSION, count, distinctAddresses, ...(spread ? { spread } : {}), corpusStories, recombinedStories, repeatedAddresses, lastDay };
	// Written last, by rename: an archive cut short is never taken for a finished one.
	writeFileSync(path.join(folder, `${MANIFEST}.tmp`), `${JSON.stringify(manifest, null, '\t')}\n`);
	renameSync(path.join(folder, `${MANIFEST}.tmp`), path.join(folder, MANIFEST));
	return content;
}

/**
 * Writes a day's new stories into `content/articles/bench-new-day/`: `count` recombined stories, all dated the
 * day after the archive's last, spread over its working hours. Returns the day. `removeNewDay` takes them away.
 */
export function writeNewDay(content: string, count: number): string {
	const { lastDay } = readArchiveManifest(content);
	const day = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
	const folder = path.join(content, 'articles', NEW_DAY_FOLDER);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const mixer = new StoryMixer(readReutersStories());
	const taken = new Set<string>();
	for (let number = 1; number <= count; number++) {
		const minutes = 6 * 60 + Math.floor(((number - 1) * 14 * 60) / count);
		const time = `T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
		const story = mixer.mixDistinct(1_000_000_000 + number, `new-${number}`, taken, day);
		writeFileSync(path.join(folder, `${story.id}.md`), toMarkdown({ ...story, date: day + time }));
	}
	return day;
}

/** Removes the stories `writeNewDay` added, leaving the archive as `writeReutersArchive` wrote it. */
export function removeNewDay(content: string): void {
	rmSync(path.join(content, 'articles', NEW_DAY_FOLDER), { recursive: true, force: true });
}
