import type { APIRoute } from 'astro';
import { createFeedResponse, getSiteFeed } from '../outputs/archive-feeds.ts';

/** `/feed.json`: JSON Feed 1.1 of the newest stories, full text. */
export const GET: APIRoute = async () => createFeedResponse('json', await getSiteFeed());
