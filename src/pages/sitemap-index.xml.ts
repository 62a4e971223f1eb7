import type { APIRoute } from 'astro';
import { createXmlResponse, getSitemapIndex } from '../outputs/archive-feeds.ts';

/** `/sitemap-index.xml`: the numbered sitemaps and the news sitemap. */
export const GET: APIRoute = async () => createXmlResponse(await getSitemapIndex());
