import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { slugify } from '../../src/lib/slug.ts';

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
			const author = pick(block, 'AUTHOR')?.replace(/^by\s+/i, '').replace(/,\s*Reuters$/i, '');
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

/**
 * Writes an archive of `count` Reuters stories as Markdown articles under `folder/content/articles/`, skipping
 * stories whose address would repeat another's. Reuses the folder when it already holds that many.
 */
export function writeReutersArchive(folder: string, count: number): string {
	const articles = path.join(folder, 'content', 'articles');
	const marker = path.join(folder, `.complete-${count}`);
	if (existsSync(marker)) return path.join(folder, 'content');
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(articles, { recursive: true });
	const seen = new Set<string>();
	let written = 0;
	for (const story of readReutersStories()) {
		if (written === count) break;
		const key = `${story.date.slice(0, 10)}/${slugify(story.title)}`;
		if (seen.has(key) || !slugify(story.title)) continue;
		seen.add(key);
		const data: Record<string, unknown> = { title: story.title, date: story.date, bylines: story.bylines, source: 'Reuters' };
		if (story.dateline) data.dateline = story.dateline;
		if (story.tags.length) data.tags = story.tags;
		const body = story.paragraphs.map((paragraph) => paragraph.replace(/([\\`*_[\]<>#|~])/g, '\\$1')).join('\n\n');
		const target = path.join(articles, story.date.slice(0, 4), `${story.id}.md`);
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, matter.stringify(`${body}\n`, data));
		written++;
	}
	if (written < count) throw new Error(`the Reuters corpus yielded ${written} distinct stories, fewer than the ${count} asked for`);
	writeFileSync(marker, '');
	return path.join(folder, 'content');
}
