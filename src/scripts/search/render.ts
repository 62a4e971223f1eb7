/**
 * Draws search results, facets, page links and the status line with DOM methods. Everything that came
 * from the index is set as text (`textContent`, `append` of strings), never parsed as HTML: a headline
 * like `<img src=x onerror=alert(1)>` shows as those characters.
 */
import { getPageNumbers } from '../../outputs/page-numbers.ts';
import { FACETS, countPages, formatSearchQuery, type Facet, type SearchState } from '../../model/search-state.ts';
import type { TextPart } from '../../model/search-text.ts';
import { getTextDirection } from '../../model/text-direction.ts';
import type { FacetCounts, SearchHit } from './engine.ts';
import type { SearchText } from './messages.ts';

/** Facet values shown before "Show all". */
export const FACET_PREVIEW = 8;

/** Builds an element with a class and children, children given as nodes or text. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	if (className) node.className = className;
	node.append(...children);
	return node;
}

/** Text with its marked parts in `<mark>`. */
export function renderTextParts(parts: readonly TextPart[]): (Node | string)[] {
	return parts.map((part) => (part.mark ? element('mark', '', part.text) : part.text));
}

/** "By A, B and C" in the site's language. */
function formatBylines(names: readonly string[], lang: string, text: SearchText): string {
	return names.length === 0 ? '' : text('story.bylines', { names: new Intl.ListFormat(lang, { type: 'conjunction' }).format(names) });
}

/** Replaces the result list's items with one per hit. */
export function renderResults(list: HTMLOListElement, hits: readonly SearchHit[], siteLang: string, start: number, text: SearchText): void {
	list.start = start;
	list.replaceChildren(
		...hits.map((hit) => {
			const lang = hit.lang || siteLang;
			const link = element('a', '', hit.title);
			link.href = hit.url;
			const time = element('time', '', hit.date);
			time.dateTime = hit.datetime;
			const meta = element('p', 'search-result__meta', element('span', 'search-result__source', hit.source), ' · ', time);
			const bylines = formatBylines(hit.bylines, siteLang, text);
			if (bylines) meta.append(' · ', element('span', 'search-result__bylines', bylines));
			meta.lang = siteLang;
			meta.dir = getTextDirection(siteLang);
			const item = element(
				'li',
				'search-result',
				element('h3', 'search-result__headline', link),
				meta,
				element('p', 'search-result__excerpt', ...renderTextParts(hit.excerpt)),
			);
			if (hit.missing.length > 0) {
				const missing = element('p', 'search-result__missing', `${text('search.missing')} `);
				hit.missing.forEach((word, index) => missing.append(...(index > 0 ? [' '] : []), element('s', '', word)));
				missing.lang = siteLang;
				missing.dir = getTextDirection(siteLang);
				item.append(missing);
			}
			item.lang = lang;
			item.dir = getTextDirection(lang);
			return item;
		}),
	);
}


/**
 * Fills each facet's list with a checkbox per value (chosen values first, always shown), most results
 * first, with the count. The checkboxes belong to the search form through their `form` attribute.
 */
export function renderFacets(container: HTMLElement, counts: FacetCounts, state: SearchState, expanded: ReadonlySet<Facet>, formId: string, text: SearchText, lang: string): void {
	const numbers = new Intl.NumberFormat(lang);
	for (const facet of FACETS) {
		const fieldset = container.querySelector<HTMLFieldSetElement>(`[data-facet="${facet}"]`);
		const list = fieldset?.querySelector('ul');
		const toggle = fieldset?.querySelector<HTMLButtonElement>('[data-facet-toggle]');
		if (!fieldset || !list || !toggle) continue;
		const chosen = state[facet];
		const counted = new Map(counts[facet].map(({ value, count }) => [value, count]));
		const values = [...chosen.filter((value) => !counted.has(value)).map((value) => ({ value, count: 0 })), ...counts[facet]];
		const shown = expanded.has(facet) ? values : values.filter((entry, index) => index < FACET_PREVIEW || chosen.includes(entry.value));
		list.replaceChildren(
			...shown.map(({ value, count }) => {
				const checkbox = element('input', '');
				checkbox.type = 'checkbox';
				checkbox.name = facet;
				checkbox.value = value;
				checkbox.checked = chosen.includes(value);
				checkbox.setAttribute('form', formId);
				const label = element('label', 'search-facet__option', checkbox, element('span', 'search-facet__value', value), ' ', element('span', 'search-facet__count', `(${numbers.format(count)})`));
				label.dir = 'auto';
				return element('li', '', label);
			}),
		);
		fieldset.hidden = values.length === 0;
		toggle.hidden = values.length <= FACET_PREVIEW;
		toggle.setAttribute('aria-expanded', String(expanded.has(facet)));
		toggle.textContent = expanded.has(facet) ? text('search.showFewer') : text('search.showAll', { count: values.length });
	}
}

/** Previous / numbered / next links to the other pages of results, each a real address. */
export function renderPages(nav: HTMLElement, state: SearchState, total: number, path: string, text: SearchText): void {
	const pages = countPages(total);
	nav.hidden = pages <= 1;
	const link = (page: number, label: string, rel?: string) => {
		const anchor = element('a', 'search-pages__link', label);
		anchor.href = `${path}${formatSearchQuery({ ...state, page })}`;
		if (page === state.page) anchor.setAttribute('aria-current', 'page');
		if (rel) anchor.rel = rel;
		if (label !== String(page)) anchor.setAttribute('aria-label', text('search.stepPage', { step: label, page }));
		return element('li', '', anchor);
	};
	const items: HTMLLIElement[] = [];
	if (state.page > 1) items.push(link(state.page - 1, text('search.previous'), 'prev'));
	for (const item of getPageNumbers(Math.min(state.page, pages), pages)) {
		items.push(item === 'gap' ? element('li', 'search-pages__gap', '…') : link(item, String(item)));
	}
	if (state.page < pages) items.push(link(state.page + 1, text('search.next'), 'next'));
	nav.querySelector('ol')?.replaceChildren(...items);
}

/**
 * "Did you mean" under the status line: a link to the same search with the corrected words, or nothing.
 * The suggestion is set as the link's text, never parsed.
 */
export function renderSuggestion(paragraph: HTMLElement, state: SearchState, suggestion: string | undefined, path: string, text: SearchText): void {
	if (!suggestion) {
		paragraph.hidden = true;
		paragraph.replaceChildren();
		return;
	}
	const link = element('a', '', suggestion);
	link.href = `${path}${formatSearchQuery({ ...state, q: suggestion, page: 1 })}`;
	link.dataset.suggestion = '';
	paragraph.replaceChildren(`${text('search.didYouMean')} `, link);
	paragraph.hidden = false;
}

/**
 * The line above the results: how many, for what, on which page; and when the best results lack some of
 * the words (`partial`), that they do.
 */
export function describeOutcome(state: SearchState, total: number, text: SearchText, partial = false): string {
	const query = state.q ? text('search.forQuery', { query: state.q }) : '';
	if (total === 0) return text('search.notFound', { query });
	const pages = countPages(total);
	const found =
		pages > 1
			? text('search.foundPaged', { count: total, query, page: Math.min(state.page, pages), pages })
			: text('search.found', { count: total, query });
	return partial ? `${found} ${text('search.partial')}` : found;
}
