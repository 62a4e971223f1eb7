import type { APIRoute, GetStaticPaths } from 'astro';
import type { Article } from '../../../derived/archive.ts';
import { createFeedResponse, getGroupFeed } from '../../../outputs/archive-feeds.ts';
import { getKeyedGroupFeedEntries } from '../../../outputs/page-keys.ts';
import type { NamedGroup } from '../../../derived/groupings.ts';

export const getStaticPaths = (async () => getKeyedGroupFeedEntries('bylines')) satisfies GetStaticPaths;

/** `/bylines/slug/feed.xml`: the newest stories of one byline, with summaries. */
export const GET: APIRoute<{ group: NamedGroup<Article> }> = async ({ props }) => createFeedResponse('rss', await getGroupFeed('bylines', props.group));
