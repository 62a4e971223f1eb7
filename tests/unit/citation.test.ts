import { describe, expect, test } from 'vitest';
import { formatApa, formatBibtex, formatChicago, formatMla, formatRis, getCitationKey, splitPersonName, type CitationFacts } from '../../src/outputs/citation.ts';

/** The user's CNN story, content/articles/cnn/2025/…, as the demo archive publishes it. */
const CNN: CitationFacts = {
	title: 'US recalls its negotiating team from Gaza ceasefire talks in Doha',
	bylines: ['Jennifer Hansler', 'Kylie Atwood'],
	source: 'CNN',
	year: '2025',
	month: '07',
	day: '24',
	canonicalUrl: 'https://clippings.example.org/2025/07/24/us-recalls-its-negotiating-team-from-gaza-ceasefire-talks-in-doha/',
	archiveTitle: 'Clippings',
	lang: 'en',
};

/** A wire story without bylines that came from elsewhere. */
const WIRE: CitationFacts = {
	title: 'Storm warning lifted for the coast',
	bylines: [],
	source: 'Fixture Wire',
	year: '2025',
	month: '07',
	day: '21',
	canonicalUrl: 'https://fixture.example.org/2025/07/21/storm-warning-lifted-for-the-coast/',
	originalUrl: 'https://wire.example.com/storm-warning',
	archiveTitle: 'Fixture Gazette',
	lang: 'en',
};

describe('the seed CNN story', () => {
	test('in APA, both authors by initials, joined with an ampersand', () => {
		expect(formatApa(CNN)).toBe(
			'Hansler, J., & Atwood, K. (2025, July 24). US recalls its negotiating team from Gaza ceasefire talks in Doha. CNN. https://clippings.example.org/2025/07/24/us-recalls-its-negotiating-team-from-gaza-ceasefire-talks-in-doha/',
		);
	});

	test('in MLA, the first author inverted, the day before the month, the address without https://', () => {
		expect(formatMla(CNN)).toBe(
			'Hansler, Jennifer, and Kylie Atwood. “US recalls its negotiating team from Gaza ceasefire talks in Doha.” CNN, 24 July 2025, clippings.example.org/2025/07/24/us-recalls-its-negotiating-team-from-gaza-ceasefire-talks-in-doha/.',
		);
	});

	test('in Chicago, the first author inverted, the month before the day', () => {
		expect(formatChicago(CNN)).toBe(
			'Hansler, Jennifer, and Kylie Atwood. “US recalls its negotiating team from Gaza ceasefire talks in Doha.” CNN, July 24, 2025. https://clippings.example.org/2025/07/24/us-recalls-its-negotiating-team-from-gaza-ceasefire-talks-in-doha/.',
		);
	});

	test('as BibTeX, authors joined by "and", the headline braced', () => {
		expect(formatBibtex(CNN)).toBe(
			[
				'@article{hansler2025recalls,',
				'  author = {Hansler, Jennifer and Atwood, Kylie},',
				'  title = {{US recalls its negotiating team from Gaza ceasefire talks in Doha}},',
				'  journal = {CNN},',
				'  year = {2025},',
				'  month = jul,',
				'  date = {2025-07-24},',
				'  url = {https://clippings.example.org/2025/07/24/us-recalls-its-negotiating-team-from-gaza-ceasefire-talks-in-doha/},',
				'  langid = {en}',
				'}',
				'',
			].join('\n'),
		);
	});

	test('as RIS, one AU line per author in order, CR LF line ends', () => {
		expect(formatRis(CNN)).toBe(
			[
				'TY  - NEWS',
				'AU  - Hansler, Jennifer',
				'AU  - Atwood, Kylie',
				'TI  - US recalls its negotiating team from Gaza ceasefire talks in Doha',
				'T2  - CNN',
				'PY  - 2025',
				'DA  - 2025/07/24/',
				'UR  - https://clippings.example.org/2025/07/24/us-recalls-its-negotiating-team-from-gaza-ceasefire-talks-in-doha/',
				'DB  - Clippings',
				'LA  - en',
				'ER  - ',
				'',
			].join('\r\n'),
		);
	});
});

describe('a story without bylines, first published elsewhere', () => {
	test('in APA, the headline takes the author’s place and the original address follows', () => {
		expect(formatApa(WIRE)).toBe(
			'Storm warning lifted for the coast. (2025, July 21). Fixture Wire. https://fixture.example.org/2025/07/21/storm-warning-lifted-for-the-coast/ Originally published at https://wire.example.com/storm-warning.',
		);
	});

	test('in MLA, it starts with the headline', () => {
		expect(formatMla(WIRE)).toBe(
			'“Storm warning lifted for the coast.” Fixture Wire, 21 July 2025, fixture.example.org/2025/07/21/storm-warning-lifted-for-the-coast/. Originally published at wire.example.com/storm-warning.',
		);
	});

	test('in Chicago, it starts with the headline', () => {
		expect(formatChicago(WIRE)).toBe(
			'“Storm warning lifted for the coast.” Fixture Wire, July 21, 2025. https://fixture.example.org/2025/07/21/storm-warning-lifted-for-the-coast/. Originally published at https://wire.example.com/storm-warning.',
		);
	});

	test('as BibTeX, no author field, the source in the key and the original address in a note', () => {
		const entry = formatBibtex(WIRE);
		expect(entry.startsWith('@article{fixturewire2025storm,\n  title = {{Storm warning lifted for the coast}},')).toBe(true);
		expect(entry).not.toContain('author');
		expect(entry).toContain('  note = {Originally published at \\url{https://wire.example.com/storm-warning}},\n');
	});

	test('as RIS, no AU line and the original address in N1', () => {
		const lines = formatRis(WIRE).split('\r\n');
		expect(lines.filter((line) => line.startsWith('AU'))).toEqual([]);
		expect(lines).toContain('N1  - Originally published at https://wire.example.com/storm-warning');
	});
});

describe('names and keys', () => {
	test.each([
		['Jennifer Hansler', { family: 'Hansler', given: 'Jennifer' }],
		['Zoë Ortiz', { family: 'Ortiz', given: 'Zoë' }],
		['Mary Ann Evans', { family: 'Evans', given: 'Mary Ann' }],
		['Reuters', { family: 'Reuters', given: '' }],
	])('"%s" splits into family and given names', (name, expected) => {
		expect(splitPersonName(name)).toEqual(expected);
	});

	test('three or more authors: APA lists all with an ampersand, MLA gives the first and et al., Chicago lists all', () => {
		const three = { ...CNN, bylines: ['Amira Haddad', 'Tomás Ruiz', 'Jean-Luc Picard'] };
		expect(formatApa(three)).toMatch(/^Haddad, A\., Ruiz, T\., & Picard, J\.-L\. \(2025/);
		expect(formatMla(three)).toMatch(/^Haddad, Amira, et al\. “/);
		expect(formatChicago(three)).toMatch(/^Haddad, Amira, Tomás Ruiz, and Jean-Luc Picard\. “/);
	});

	test('TeX’s special characters in a headline are escaped in BibTeX', () => {
		expect(formatBibtex({ ...CNN, title: 'Profits up 5% at A&B_{x}' })).toContain('title = {{Profits up 5\\% at A\\&B\\_\\{x\\}}}');
	});

	test('a citation key is ASCII: accents dropped, stop words skipped', () => {
		expect(getCitationKey({ ...CNN, bylines: ['Zoë Ørsted'], title: 'The Élan of the harbour' })).toBe('orsted2025elan');
	});
});
