import { describe, expect, it } from 'vitest';
import { buildCjkRunQueries, pickIdentifyingFragment, type BuiltStory } from '../../bench/support/known-items.ts';
import { createSeededRandom } from '../support/seeded-random.ts';

const story: BuiltStory = {
	path: '/1987/03/26/honda-exports/',
	lang: 'en',
	title: 'Honda exports rise',
	paragraphs: ['one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'],
};

describe('the search bench picks fragments that identify their story', () => {
	it('passes over a run that other stories hold for one that no other story holds', () => {
		const asked: string[] = [];
		const fragment = pickIdentifyingFragment(story, createSeededRandom(3), (run) => {
			asked.push(run);
			return asked.length === 1 ? 2 : 0;
		});
		expect(asked).toHaveLength(2);
		expect(fragment).toBe(asked[1]);
	});

	it('keeps the first run when no other story holds it', () => {
		const asked: string[] = [];
		const fragment = pickIdentifyingFragment(story, createSeededRandom(3), (run) => (asked.push(run), 0));
		expect(asked).toHaveLength(1);
		expect(fragment).toBe(asked[0]);
		expect(story.paragraphs[0]).toContain(fragment!);
	});

	it('keeps the last run tried when every run is shared, so the query is still asked (and counted as shared)', () => {
		const asked: string[] = [];
		const fragment = pickIdentifyingFragment(story, createSeededRandom(3), (run) => (asked.push(run), 1));
		expect(asked).toHaveLength(8);
		expect(fragment).toBe(asked.at(-1));
	});

	it('has no fragment for a story too short to have a middle', () => {
		const short = { ...story, paragraphs: ['too short to ask for'] };
		expect(pickIdentifyingFragment(short, createSeededRandom(3), () => 0)).toBeUndefined();
	});
});

describe('the search bench asks for Chinese and Japanese stories with runs that identify them', () => {
	const credit = '本页面中文版由中文手册页计划提供';
	const stories: BuiltStory[] = [
		{ path: '/a/', lang: 'zh', title: '列出目录内容', paragraphs: [credit, '列出指定文件的信息如果没有指定则按字母排序项目'] },
		{ path: '/b/', lang: 'zh', title: '复制文件', paragraphs: [credit, '将源文件复制至目标文件或将多个源文件复制至目标目录'] },
		{ path: '/c/', lang: 'zh', title: '删除文件', paragraphs: [credit, '删除指定的文件默认不删除目录除非指定递归选项'] },
	];

	it('never asks with a run other stories hold too, such as a translation credit', () => {
		const queries = buildCjkRunQueries(stories, 3);
		expect(queries).toHaveLength(3);
		for (const query of queries) {
			expect(query.query).toHaveLength(8);
			expect(credit).not.toContain(query.query);
			const holders = stories.filter((story) => story.paragraphs.join('').includes(query.query));
			expect(holders.map((story) => story.path)).toEqual([query.target]);
		}
	});
});
