import { describe, expect, it } from 'vitest';
import { readManualPage } from '../../bench/support/cjk-manpages.ts';

describe('the search bench reads a translated manual page as a story', () => {
	const page = [
		'.\\" DO NOT MODIFY THIS FILE!',
		'.TH LS 1 2022年9月 "GNU coreutils 9.1" 用户命令',
		'.SH 名称',
		'ls \\- 列出目录内容',
		'.SH 描述',
		'.PP',
		'列出指定“文件”（默认为当前目录）的信息。如果既没有指定 \\fB\\-cftuvSUX\\fP 中任何一个，',
		'则按字母排序项目。',
		'.TP',
		'\\fB\\-a\\fP, \\fB\\-\\-all\\fP',
		'不要忽略以点号起始的条目',
	].join('\n');

	it('takes the name line as the headline and joins each paragraph’s lines without roff’s escapes', () => {
		const { title, paragraphs } = readManualPage(page);
		expect(title).toBe('ls：列出目录内容');
		expect(paragraphs).toEqual(['列出指定“文件”（默认为当前目录）的信息。如果既没有指定 -cftuvSUX 中任何一个，则按字母排序项目。', '-a, --all不要忽略以点号起始的条目']);
	});
});
