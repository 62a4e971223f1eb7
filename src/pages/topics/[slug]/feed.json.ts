import type { APIRoute, GetStaticPaths } from 'astro';
import type { Article } from '../../../derived/archive.ts';
import { createFeedResponse, getGroupFeed } from '../../../outputs/archive-feeds.ts';
import { getKeyedGroupFeedEntries } from '../../../outputs/page-keys.ts';
import type { NamedGroup } from '../../../derived/groupings.ts';

export const getStaticPaths = (async () => getKeyedGroupFeedEntries('topics')) satisfies GetStaticPaths;

/** `/topics/slug/feed.json`: the newest stories of one topic, with summaries. */
export const GET: APIRoute<{ group: NamedGroup<Article> }> = async ({ props }) => createFeedResponse('json', await getGroupFeed('topics', props.group));
