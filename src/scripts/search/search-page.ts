/**
 * The search page: keeps the form, the address and the results in step. The address is the state
 * (`parseSearchState` / `formatSearchQuery`): typing replaces the current history entry, any other change
 * adds one, and back/forward re-run the search of the entry they land on.
 */
import { formatSearchQuery, hasCriteria, parseSearchState, RESULTS_PER_PAGE, type Facet, type SearchState } from '../../model/search-state.ts';
import { SearchOvertaken, type SearchEngine, type SearchOutcome } from './engine.ts';
import { LocalEngine, type LocalSearchData } from './local-engine.ts';
import { PagefindEngine } from './pagefind-engine.ts';
import type { ShardIndex } from './shard-search.ts';
import { readSearchText } from './messages.ts';
import { describeOutcome, renderFacets, renderPages, renderResults, renderSuggestion } from './render.ts';
import { isReadyToSearch } from '../../model/search-text.ts';

declare global {
	interface Window {
		/** Set by the portable build's `search-data.js`. */
		CLIPPINGS_SEARCH_DATA?: LocalSearchData;
	}
}

type Change = 'typing' | 'push' | 'none';

/** How long typing must pause before a query ending in a very short word is searched. */
const TYPING_PAUSE_MS = 200;

/** How long typing must pause before the facets are counted (which loads the index's filter data) and the other languages' indexes load. */
const FACETS_PAUSE_MS = 250;

const root = document.querySelector<HTMLElement>('[data-search-page]');
if (root) startSearchPage(root);

function startSearchPage(root: HTMLElement): void {
	const form = root.querySelector<HTMLFormElement>('form[data-search-form]')!;
	const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
	const facets = root.querySelector<HTMLElement>('[data-search-facets]')!;
	const status = root.querySelector<HTMLElement>('[data-search-status]')!;
	const suggestion = root.querySelector<HTMLElement>('[data-search-suggestion]');
	const list = root.querySelector<HTMLOListElement>('[data-search-results]')!;
	const pages = root.querySelector<HTMLElement>('[data-search-pages]')!;
	const siteLang = root.dataset.siteLang ?? 'en';
	const text = readSearchText(root, siteLang);
	const pageTitle = document.title;
	const expanded = new Set<Facet>();
	let engine: SearchEngine;
	try {
		engine = createEngine(root);
	} catch (error) {
		console.error(error);
		status.textContent = text('search.missingData');
		return;
	}
	let state = parseSearchState(location.search);
	let lastChange: Change = 'none';
	let ticket = 0;

	showState(state);
	void run(state);

	let pause: ReturnType<typeof setTimeout> | undefined;
	let lastTyped = 0;
	// The first search waits on Pagefind's start-up downloads; they begin as soon as the reader heads for the box.
	input.addEventListener('focus', () => engine.prepare(), { once: true });
	input.addEventListener('input', () => {
		const typed = readForm();
		clearTimeout(pause);
		// A word being typed that is still three letters or fewer matches a great part of the index and is
		// usually on its way to a longer word: it is searched once the typing pauses, not at once.
		if (isReadyToSearch(typed.q)) update(typed, 'typing');
		else pause = setTimeout(() => update(typed, 'typing'), TYPING_PAUSE_MS);
		lastTyped = performance.now();
	});
	form.addEventListener('change', (event) => {
		if (event.target !== input) update(readForm(), 'push');
	});
	facets.addEventListener('change', () => update(readForm(), 'push'));
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		clearTimeout(pause);
		update(readForm(), 'push');
	});
	facets.addEventListener('click', (event) => {
		const toggle = (event.target as Element).closest<HTMLButtonElement>('[data-facet-toggle]');
		const facet = toggle?.closest<HTMLElement>('[data-facet]')?.dataset.facet as Facet | undefined;
		if (!facet) return;
		if (expanded.has(facet)) expanded.delete(facet);
		else expanded.add(facet);
		void run(state, { keepFocus: toggle });
	});
	pages.addEventListener('click', (event) => {
		const link = (event.target as Element).closest<HTMLAnchorElement>('a[href]');
		if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
		event.preventDefault();
		update(parseSearchState(new URL(link.href).search), 'push', { focusStatus: true });
	});
	suggestion?.addEventListener('click', (event) => {
		const link = (event.target as Element).closest<HTMLAnchorElement>('a[href]');
		if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
		event.preventDefault();
		const next = parseSearchState(new URL(link.href).search);
		showState(next);
		update(next, 'push', { focusStatus: true });
	});
	window.addEventListener('popstate', () => {
		state = parseSearchState(location.search);
		lastChange = 'none';
		showState(state);
		void run(state);
	});

	/** The form's fields, plus the chosen facet checkboxes tied to it, as a search on page 1. */
	function readForm(): SearchState {
		return parseSearchState(new URLSearchParams(new FormData(form) as unknown as Record<string, string>));
	}

	function update(next: SearchState, change: Change, options: { focusStatus?: boolean } = {}): void {
		const address = `${location.pathname}${formatSearchQuery(next)}`;
		if (change === 'typing' && lastChange === 'typing') history.replaceState(null, '', address);
		else if (address !== `${location.pathname}${location.search}`) history.pushState(null, '', address);
		lastChange = change;
		state = next;
		void run(next, options);
	}

	/** Puts a state into the form, for a page opened from an address or reached with back/forward. */
	function showState(shown: SearchState): void {
		if (input.value.trim() !== shown.q) input.value = shown.q;
		for (const name of ['sort', 'lang', 'from', 'to'] as const) {
			const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
			if (field) field.value = String(shown[name]);
		}
		document.title = shown.q ? text('page.title', { page: shown.q, site: pageTitle }) : pageTitle;
	}

	/** `data-ready` and `data-rendered` (the query shown) tell tests and scripts that a search is on screen. */
	function markReady(ready: boolean, searched: SearchState): void {
		root.dataset.ready = String(ready);
		root.dataset.rendered = formatSearchQuery(searched);
	}

	async function run(searched: SearchState, options: { focusStatus?: boolean; keepFocus?: HTMLElement | null | undefined } = {}): Promise<void> {
		const mine = ++ticket;
		document.title = searched.q ? text('page.title', { page: searched.q, site: pageTitle }) : pageTitle;
		if (!hasCriteria(searched)) {
			status.textContent = root.dataset.prompt ?? '';
			if (suggestion) renderSuggestion(suggestion, searched, undefined, location.pathname, text);
			list.replaceChildren();
			pages.hidden = true;
			for (const fieldset of facets.querySelectorAll<HTMLElement>('[data-facet]')) fieldset.hidden = true;
			markReady(true, searched);
			return;
		}
		markReady(false, searched);
		try {
			let outcome = await engine.search(searched, () => mine === ticket);
			if (mine !== ticket) return;
			showOutcome(searched, outcome);
			if (options.focusStatus) status.focus();
			// Results from the reader's language are on screen; the archive's other languages follow once typing
			// has paused and their indexes have loaded, and the list is drawn again only if they change it.
			if (outcome.complete) {
				if (!(await waitForTypingPause(mine))) return;
				const shown = outcome;
				outcome = await outcome.complete();
				if (mine !== ticket) return;
				if (!isSameOutcome(shown, outcome)) showOutcome(searched, outcome);
			}
			// While words are being typed, the facets wait for a pause: each count would be outdated at once.
			if (!(await waitForTypingPause(mine))) return;
			const counts = await outcome.facets();
			if (mine !== ticket) return;
			const focusedFacet = document.activeElement instanceof HTMLInputElement && facets.contains(document.activeElement) ? document.activeElement : undefined;
			renderFacets(facets, counts, searched, expanded, form.id, text, siteLang);
			restoreFocus(focusedFacet, options.keepFocus);
			markReady(true, searched);
		} catch (error) {
			if (mine !== ticket || error instanceof SearchOvertaken) return;
			console.error(error);
			status.textContent = text('search.unavailable');
			markReady(true, searched);
		}
	}

	/** Waits until typing has paused; false when a newer search has started meanwhile. */
	async function waitForTypingPause(mine: number): Promise<boolean> {
		for (let wait = FACETS_PAUSE_MS - (performance.now() - lastTyped); wait > 0; wait = FACETS_PAUSE_MS - (performance.now() - lastTyped)) {
			await new Promise((resolve) => setTimeout(resolve, wait));
			if (mine !== ticket) return false;
		}
		return mine === ticket;
	}

	function showOutcome(searched: SearchState, outcome: SearchOutcome): void {
		renderResults(list, outcome.hits, siteLang, (searched.page - 1) * RESULTS_PER_PAGE + 1, text);
		renderPages(pages, searched, outcome.total, location.pathname, text);
		status.textContent = describeOutcome(searched, outcome.total, text, outcome.partial);
		if (suggestion) renderSuggestion(suggestion, searched, outcome.suggestion, location.pathname, text);
		// The results are on screen (the facets follow): what `npm run bench` times.
		root.dataset.shown = formatSearchQuery(searched);
	}

	/** Redrawn facets replace their checkboxes; keyboard focus goes back to the same one. */
	function restoreFocus(checkbox: HTMLInputElement | undefined, toggle: HTMLElement | null | undefined): void {
		if (toggle) {
			toggle.focus();
			return;
		}
		if (!checkbox) return;
		const selector = `input[name="${CSS.escape(checkbox.name)}"][value="${CSS.escape(checkbox.value)}"]`;
		facets.querySelector<HTMLInputElement>(selector)?.focus();
	}
}

/** Pagefind over HTTP; the portable build's own index when the archive is opened from disk. */
function createEngine(root: HTMLElement): SearchEngine {
	const months = JSON.parse(root.dataset.months ?? '[]') as string[];
	if (location.protocol === 'file:') {
		const script = document.querySelector<HTMLScriptElement>('script[data-search-data]');
		const data = window.CLIPPINGS_SEARCH_DATA;
		if (!script || !data) throw new Error('the portable search data (search-data.js) is missing');
		return new LocalEngine(data, new URL('.', script.src));
	}
	return new PagefindEngine({
		bundle: root.dataset.bundle!,
		base: root.dataset.base!,
		languages: JSON.parse(root.dataset.languages ?? '[]') as string[],
		primary: (root.dataset.siteLang ?? 'en').toLowerCase(),
		months,
		...(root.dataset.shards ? { shards: JSON.parse(root.dataset.shards) as ShardIndex[] } : {}),
	});
}

/** Whether two outcomes show the same: the same results in the same order, the same count and the same note. */
function isSameOutcome(a: SearchOutcome, b: SearchOutcome): boolean {
	return (
		a.total === b.total &&
		a.partial === b.partial &&
		a.suggestion === b.suggestion &&
		a.hits.length === b.hits.length &&
		a.hits.every((hit, index) => hit.url === b.hits[index]!.url && hit.missing.join(' ') === b.hits[index]!.missing.join(' '))
	);
}

