import type { APIRoute } from 'astro';
import { absoluteUrl } from '../outputs/site.ts';
import { renderRobotsTxt } from '../outputs/sitemaps.ts';
import { getSitemapIndexPath } from '../model/urls.ts';

/** `/robots.txt`: every page may be crawled; the sitemap index lists them (under the base path). */
export const GET: APIRoute = () => new Response(renderRobotsTxt(absoluteUrl(getSitemapIndexPath())), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
