import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareInput, type PreparedInput, type PrepareSettings } from './prepare-input.ts';

/** Below this many inputs, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 200;
/** Inputs sent to a worker at a time: large enough to keep messaging cheap, small enough to balance the load. */
const BATCH_SIZE = 25;

/**
 * Prepares inputs in parallel worker threads, one per core, and yields the results in input order, so that what
 * happens next (which of two stories gets an address first) never depends on thread timing. Small imports run
 * on the main thread.
 */
export async function* prepareInputs(items: readonly [file: string, input: string][], settings: PrepareSettings): AsyncGenerator<PreparedInput> {
	const threads = Math.min(availableParallelism(), 8);
	if (items.length < PARALLEL_FROM || threads < 2) {
		for (const [file, input] of items) yield* prepareInput(file, input, settings);
		return;
	}
	const batches: [string, string][][] = [];
	for (let start = 0; start < items.length; start += BATCH_SIZE) batches.push(items.slice(start, start + BATCH_SIZE));

	const done = new Map<number, PreparedInput[]>();
	let wake: (() => void) | undefined;
	let failure: Error | undefined;
	let next = 0;
	const workers = Array.from({ length: threads }, () => new Worker(new URL('./import-worker.ts', import.meta.url)));
	const send = (worker: Worker) => {
		if (next < batches.length) worker.postMessage({ id: next, items: batches[next++], settings });
	};
	for (const worker of workers) {
		worker.on('message', ({ id, results }: { id: number; results: PreparedInput[] }) => {
			done.set(id, results);
			send(worker);
			wake?.();
		});
		worker.on('error', (error) => {
			failure = error;
			wake?.();
		});
		// Two batches in flight per worker, so none waits for the main thread between batches.
		send(worker);
		send(worker);
	}
	try {
		for (let id = 0; id < batches.length; id++) {
			while (!done.has(id)) {
				if (failure) throw new Error(`an import worker failed: ${failure.message}`, { cause: failure });
				await new Promise<void>((resolve) => (wake = resolve));
			}
			const results = done.get(id)!;
			done.delete(id);
			yield* results;
		}
	} finally {
		await Promise.all(workers.map((worker) => worker.terminate()));
	}
}
