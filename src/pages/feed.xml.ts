import type { APIRoute } from 'astro';
import { createFeedResponse, getSiteFeed } from '../outputs/archive-feeds.ts';

/** `/feed.xml`: RSS 2.0 of the newest stories, full text. */
export const GET: APIRoute = async () => createFeedResponse('rss', await getSiteFeed());
