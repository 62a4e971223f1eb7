// Renders article bodies off the main thread. Plain ESM so Node runs it without Vite;
// Node 24 strips the types of the renderer module it imports.
import { parentPort } from 'node:worker_threads';
import { renderMarkdown } from '../lib/markdown.ts';

parentPort.on('message', ({ id, markdown }) => {
	try {
		parentPort.postMessage({ id, result: renderMarkdown(markdown) });
	} catch (error) {
		parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
	}
});
