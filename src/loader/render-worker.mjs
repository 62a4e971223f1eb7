// Parses and renders articles off the main thread. Plain ESM so Node runs it without Vite;
// Node 24 strips the types of the modules it imports.
import { parentPort } from 'node:worker_threads';
import { renderMarkdown } from '../model/markdown.ts';
import { prepareArticle } from '../model/prepare-article.ts';

// The render clock starts once the renderer is loaded: a worker's start-up is not an article's time.
parentPort.postMessage({ ready: true });

parentPort.on('message', ({ id, markdown, file, source, selection }) => {
	try {
		const result = file === undefined ? renderMarkdown(markdown) : prepareArticle(source, file, selection);
		parentPort.postMessage({ id, result });
	} catch (error) {
		parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
	}
});
