import type { APIRoute } from 'astro';
import { createXmlResponse, getNewsSitemap } from '../outputs/archive-feeds.ts';

/** `/news-sitemap.xml`: Google News sitemap of the two days before the build (empty but valid without any). */
export const GET: APIRoute = async () => createXmlResponse(await getNewsSitemap());
