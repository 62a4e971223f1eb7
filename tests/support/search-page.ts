import type { Page } from 'playwright-core';

/** Waits until the search page has drawn the search its address describes, facets included. */
export async function waitForSearch(page: Page): Promise<void> {
	await page.waitForFunction(() => {
		const root = document.querySelector<HTMLElement>('[data-search-page]');
		return root?.dataset.ready === 'true' && root.dataset.rendered === location.search;
	});
}
