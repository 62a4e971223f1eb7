// Prepares import inputs off the main thread. Loaded by Node directly (type stripping), so erasable TypeScript only.
import { parentPort } from 'node:worker_threads';
import { prepareInput, type PrepareSettings } from './prepare-input.ts';

/** A batch of inputs to prepare: absolute file, display name, in order. */
interface Batch {
	id: number;
	items: [file: string, input: string][];
	settings: PrepareSettings;
}

parentPort!.on('message', ({ id, items, settings }: Batch) => {
	parentPort!.postMessage({ id, results: items.flatMap(([file, input]) => prepareInput(file, input, settings)) });
});
