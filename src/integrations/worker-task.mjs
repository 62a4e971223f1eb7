// Runs one exported function of a module in a worker thread (`runInWorker` in worker-task.ts) and posts back
// its result or its error's message. Plain ESM so Node runs it without Vite; Node 24 strips the types of the
// modules it imports.
import { parentPort, workerData } from 'node:worker_threads';

const { module, name, input } = workerData;
try {
	const exports = await import(module);
	parentPort.postMessage({ result: await exports[name](input) });
} catch (error) {
	parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
