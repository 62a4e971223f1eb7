// Merges the search index's parts off the main thread (`mergeInWorker` in pagefind-merge.ts). Plain ESM so
// Node runs it without Vite; Node 24 strips the types of the modules it imports.
import { parentPort, workerData } from 'node:worker_threads';
import { mergePagefindBundles } from './pagefind-merge.ts';

try {
	parentPort.postMessage({ counts: mergePagefindBundles(workerData) });
} catch (error) {
	parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
