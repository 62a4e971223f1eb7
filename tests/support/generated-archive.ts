/**
 * Archives of any size for scale tests, made from a fixed seed so every run builds the same stories: spread
 * over 36 years, with bylines, sources and topics drawn from small pools, as a real archive repeats them.
 */
import { createSeededRandom } from './seeded-random.ts';

const WORDS = (
	'harbour council budget minister election court storm rail strike wages rates bank export grain oil port ' +
	'school hospital river bridge housing police union farm market shares profit museum festival drought trade ' +
	'mayor talks ceasefire vaccine airport ferry coal steel factory tariff census library archive reporter'
).split(' ');
const NAMES = ['Ana Ruiz', 'Bo Lee', 'Chidi Okafor', 'Dana Weiss', 'Emil Novak', 'Fatima Zahra', 'Gao Wen', 'Hana Sato', 'Ivan Petrov', 'Jo Park'];
const SOURCES = ['Wire', 'Gazette', 'Courier', 'Herald'];

/** Given names and family names for archives whose names grow with them, in several scripts and with accents. */
const GIVEN = ['Ana', 'Élise', 'Øyvind', 'Zoë', 'Łukasz', 'Ñuria', 'Chidi', 'Ivan', 'Ольга', 'محمد', '张', 'Hana', 'Ünal', 'Bo', 'Dana', 'Quinn'];
const FAMILY = ['Ruiz', 'Ortiz', 'Berg', 'Nowak', 'Okafor', 'Petrov', 'Смирнова', 'حداد', '文博', 'Sato', 'Weiss', 'Yilmaz', 'Lee', 'Park', 'Varga', 'Moreau'];

/** What an archive's names look like. */
export interface GeneratedNames {
	/**
	 * `pools` (the default): bylines, sources and topics drawn from small fixed pools, as a real archive repeats
	 * them. `growing`: about one byline per two stories, one topic per three and one source per twenty, so the
	 * byline, source and topic indexes grow with the archive (names in several scripts and with accents).
	 */
	names?: 'pools' | 'growing';
}

/**
 * The files of an archive of `count` stories, keyed by their path under `content/articles/`.
 * @example Object.keys(generateArchive(2)) // ['1990/story-0.md', '…/story-1.md']
 */
export function generateArchive(count: number, seed = 1, { names = 'pools' }: GeneratedNames = {}): Record<string, string> {
	const random = createSeededRandom(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const growingName = (pool: number) => {
		const number = Math.floor(random() * pool);
		return `${GIVEN[number % GIVEN.length]} ${FAMILY[Math.floor(number / GIVEN.length) % FAMILY.length]} ${number}`;
	};
	const byline = () => (names === 'growing' ? growingName(Math.ceil(count / 2)) : pick(NAMES));
	const source = () => (names === 'growing' ? `${pick(SOURCES)} ${Math.floor(random() * Math.ceil(count / 20))}` : pick(SOURCES));
	const topic = () => (names === 'growing' ? `${pick(WORDS)} ${Math.floor(random() * Math.ceil(count / 3))}` : pick(WORDS));
	const sentence = () => {
		const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(WORDS));
		return `${words.join(' ').replace(/^./, (letter) => letter.toUpperCase())}.`;
	};
	const files: Record<string, string> = {};
	for (let index = 0; index < count; index++) {
		const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 36 * 365) * 86_400_000).toISOString().slice(0, 10);
		const title = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} report ${index}`.replace(/^./, (letter) => letter.toUpperCase());
		const bylines = random() < 0.8 ? [byline()] : [];
		const paragraphs = Array.from({ length: 3 + Math.floor(random() * 5) }, () => Array.from({ length: 3 }, sentence).join(' '));
		files[`${day.slice(0, 4)}/story-${index}.md`] =
			`---\ntitle: ${title}\ndate: '${day}'\nbylines: [${bylines.join(', ')}]\nsource: ${source()}\ntags: [${topic()}]\n---\n${paragraphs.join('\n\n')}\n`;
	}
	return files;
}
