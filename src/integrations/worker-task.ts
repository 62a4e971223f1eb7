/**
 * Build steps that run in a worker thread of their own (`worker-task.mjs`), beside the main thread that
 * Astro bundles and writes the pages on. A step that reads or writes the whole output or index belongs there:
 * it no longer holds the main thread up, and it allocates in a heap of its own, where the main thread's heap
 * holds the whole archive (3.4 GB at 100,000 stories) and its garbage collections cost the more.
 */
import { Worker } from 'node:worker_threads';

/**
 * Calls `name(input)` from the module at `module` (a `file:` URL) in a worker thread and resolves with what it
 * returns (structured-cloned); rejects with its error's message, or when the worker stops without answering.
 */
export function runInWorker<Input, Output>(module: URL, name: string, input: Input, what: string): Promise<Output> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./worker-task.mjs', import.meta.url), { workerData: { module: module.href, name, input } });
		let answered = false;
		worker.once('message', (message: { result?: Output; error?: string }) => {
			answered = true;
			if (message.error !== undefined) reject(new Error(message.error));
			else resolve(message.result as Output);
		});
		worker.once('error', (error) => {
			answered = true;
			reject(error);
		});
		worker.once('exit', (code) => {
			if (!answered) reject(new Error(`Clippings: ${what} stopped unexpectedly (exit code ${code})`));
		});
	});
}
