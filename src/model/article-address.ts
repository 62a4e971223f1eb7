/**
 * Gives every published article its address, once, for the whole archive at a time. Repeated headlines on
 * the same day are normal in news (a re-issue, "Results", "Weather"), so both stories publish: the earlier
 * keeps the plain slug and each later one gets the next free numeric suffix (`results-2`). A front-matter
 * `slug` claims its address outright; two articles claiming the same day and slug are an error naming both.
 */
import type { ArticleFrontMatter } from './article-schema.ts';
import { getCalendarDay, parseArticleDate } from './dates.ts';
import type { ArticleProblem } from './parse-article.ts';
import { slugify } from './slug.ts';
import { getArticlePath } from './urls.ts';

/** Where one article is published. */
export interface ArticleAddress {
	/** Collection id, `2025/07/24/slug`. */
	id: string;
	/** Root-relative address, `/2025/07/24/slug/`. */
	path: string;
	year: string;
	month: string;
	day: string;
	slug: string;
	/** The publication instant, parsed once here for every later step. */
	published: Date;
}

/** Two stories that wanted the same address: the earlier kept it, the later got `path`. */
export interface RepeatedHeadline {
	/** The address both wanted, kept by `kept`. */
	wanted: string;
	kept: string;
	/** The file that got the suffixed address. */
	file: string;
	path: string;
}

/** The addresses of an archive: one per article (in input order), the repeats and the conflicts. */
export interface AddressBook<T> {
	addressed: { article: T; address: ArticleAddress }[];
	/** Each story moved to a suffixed address, ordered by its address. */
	repeats: RepeatedHeadline[];
	/** Two articles whose front-matter `slug` claims the same day and slug. */
	problems: ArticleProblem[];
}

/** What addressing needs to know of an article. */
export interface Addressable {
	file: string;
	data: Pick<ArticleFrontMatter, 'title' | 'date' | 'slug'>;
	/**
	 * Its `date` as the last build parsed it, in the same time zone, for an article whose file is unchanged:
	 * parsing (dayjs's zone conversion) was most of addressing, 5 s at 100,000 stories.
	 */
	parsed?: { published: Date; year: string; month: string; day: string };
}

/** The slug a headline gives, with a stable fallback when it has no letters or digits. */
export function getHeadlineSlug(title: string): string {
	return slugify(title) || 'story';
}

/**
 * Addresses every article. The outcome depends only on the set of articles, never on their order or the
 * machine: stories that want the same address are ordered by publication time, then by file name.
 * @example assignAddresses([a, b], 'UTC') // a and b both titled "Results" on 2025-07-24: /2025/07/24/results/ and /2025/07/24/results-2/
 */
export function assignAddresses<T extends Addressable>(articles: readonly T[], timeZone: string): AddressBook<T> {
	const wanted = articles.map((article) => {
		const published = article.parsed?.published ?? parseArticleDate(article.data.date, timeZone);
		const { year, month, day } = article.parsed ?? getCalendarDay(published, timeZone);
		const explicit = article.data.slug !== undefined;
		return { article, published, year, month, day, slug: explicit ? article.data.slug! : getHeadlineSlug(article.data.title), explicit };
	});
	type Wish = (typeof wanted)[number];
	const dayKey = (wish: Wish) => `${wish.year}/${wish.month}/${wish.day}`;
	const byAddress = new Map<string, Wish[]>();
	for (const wish of wanted) {
		const key = `${dayKey(wish)}/${wish.slug}`;
		const list = byAddress.get(key);
		if (list) list.push(wish);
		else byAddress.set(key, [wish]);
	}

	const problems: ArticleProblem[] = [];
	const taken = new Set<string>();
	const final = new Map<Wish, string>();
	const later: { wish: Wish; keeper: Wish }[] = [];
	for (const [key, wishes] of [...byAddress].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		wishes.sort((a, b) => Number(b.explicit) - Number(a.explicit) || a.published.getTime() - b.published.getTime() || compareText(a.article.file, b.article.file));
		const [keeper, ...rest] = wishes as [Wish, ...Wish[]];
		taken.add(key);
		final.set(keeper, keeper.slug);
		for (const wish of rest) {
			if (wish.explicit) {
				problems.push({
					file: wish.article.file,
					field: 'slug',
					message: `claims the address ${getArticlePath(wish)} that ${keeper.article.file} also claims; give one of them another slug`,
				});
			} else {
				later.push({ wish, keeper });
			}
		}
	}

	// Suffixes are handed out after every plain address is reserved, so a story titled "Results 2" keeps its
	// own address whatever order the files come in.
	const repeats: RepeatedHeadline[] = [];
	for (const { wish, keeper } of later) {
		let n = 2;
		while (taken.has(`${dayKey(wish)}/${wish.slug}-${n}`)) n++;
		const slug = `${wish.slug}-${n}`;
		taken.add(`${dayKey(wish)}/${slug}`);
		final.set(wish, slug);
		repeats.push({ wanted: getArticlePath(wish), kept: keeper.article.file, file: wish.article.file, path: getArticlePath({ ...wish, slug }) });
	}

	const failed = new Set(problems.map((problem) => problem.file));
	const addressed = wanted
		.filter((wish) => !failed.has(wish.article.file))
		.map((wish) => {
			const slug = final.get(wish)!;
			const { year, month, day, published } = wish;
			return { article: wish.article, address: { id: `${year}/${month}/${day}/${slug}`, path: getArticlePath({ year, month, day, slug }), year, month, day, slug, published } };
		});
	return { addressed, repeats, problems };
}

/**
 * How a repeated headline reads in the build log, the ledger and `npm run check`.
 * @example formatRepeat(repeat) // "content/articles/b.md: repeats the address of content/articles/a.md on the same day; published at /2025/07/24/results-2/ (set `slug` to choose another)"
 */
export function formatRepeat({ file, kept, path }: RepeatedHeadline): string {
	return `${file}: repeats the address of ${kept} on the same day; published at ${path} (set \`slug\` to choose another)`;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
