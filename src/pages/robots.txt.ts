import type { APIRoute } from 'astro';
import { absoluteUrl } from '../lib/site.ts';
import { renderRobotsTxt } from '../lib/sitemaps.ts';
import { getSitemapIndexPath } from '../lib/urls.ts';

/** `/robots.txt`: every page may be crawled; the sitemap index lists them (under the base path). */
export const GET: APIRoute = () => new Response(renderRobotsTxt(absoluteUrl(getSitemapIndexPath())), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
