import { defineCollection } from 'astro:content';
import config from 'virtual:clippings/config';
import { articleLoader } from './loader/article-loader.ts';

export const collections = {
	articles: defineCollection({ loader: articleLoader({
			content: config.content,
			timeZone: config.timeZone,
			remoteImages: config.remoteImages,
			shards: config.shards,
			shard: config.shard?.name,
		}) }),
};
