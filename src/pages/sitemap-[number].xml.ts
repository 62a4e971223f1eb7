import type { APIRoute, GetStaticPaths } from 'astro';
import { createXmlResponse, getSitemaps } from '../outputs/archive-feeds.ts';
import { renderSitemap, type SitemapEntry } from '../outputs/sitemaps.ts';

export const getStaticPaths = (async () => {
	const sitemaps = await getSitemaps();
	return sitemaps.map((entries, index) => ({ params: { number: String(index + 1) }, props: { entries } }));
}) satisfies GetStaticPaths;

/** `/sitemap-1.xml`, …: every indexable page, 10,000 to a file. */
export const GET: APIRoute<{ entries: SitemapEntry[] }> = ({ props }) => createXmlResponse(renderSitemap(props.entries));
