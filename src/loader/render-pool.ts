import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderedArticle } from '../model/markdown.ts';
import type { PreparedArticle } from '../model/prepare-article.ts';
import type { StorySelection } from '../model/shards.ts';

/** How long one article may take to render before the build gives up on it. */
export const RENDER_TIME_BUDGET_MS = 20_000;

/** What a worker is asked to do: render a Markdown body, or parse and render a whole article file. */
type Job = { markdown: string } | { file: string; source: Uint8Array; selection?: StorySelection | undefined };

interface Task {
	id: number;
	job: Job;
	resolve: (result: never) => void;
	reject: (error: Error) => void;
}

interface Slot {
	worker: Worker;
	/** The tasks sent to this worker, in order: the first is running (and timed), the next waits in its inbox. */
	tasks: Task[];
	/** Whether the worker has loaded the renderer: a task's clock starts then, not while the worker starts up. */
	ready: boolean;
	timer?: NodeJS.Timeout;
}

/**
 * Tasks sent to a worker before the one it is running ends. With one, a worker sat idle between two tasks
 * for the round trip through the main thread (a fifth of its time at 10,000 stories); with two, the next
 * one is waiting in its inbox.
 */
const TASKS_PER_WORKER = 2;

/** A small pool of worker threads that parse and render articles in parallel, each task under a time budget. */
export class RenderPool {
	#slots: Slot[] = [];
	#queue: Task[] = [];
	#nextId = 0;
	#budgetMs: number;

	constructor(size = Math.max(1, availableParallelism()), budgetMs = RENDER_TIME_BUDGET_MS) {
		this.#budgetMs = budgetMs;
		for (let index = 0; index < size; index++) this.#slots.push(this.#spawn());
	}

	/** Renders one body; rejects when the renderer throws, crashes or exceeds the time budget. */
	render(markdown: string): Promise<RenderedArticle> {
		return this.#run({ markdown });
	}

	/**
	 * Parses and renders one article file (`prepareArticle`, which leaves a file outside `selection` unrendered);
	 * rejects when the worker crashes or exceeds the time budget.
	 */
	prepare(source: Uint8Array, file: string, selection?: StorySelection): Promise<PreparedArticle> {
		return this.#run({ file, source, selection });
	}

	#run<T>(job: Job): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.#queue.push({ id: this.#nextId++, job, resolve: resolve as (result: never) => void, reject });
			this.#drain();
		});
	}

	/** Stops every worker; call once the batch is done. */
	async close(): Promise<void> {
		await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
		this.#slots = [];
	}

	#spawn(): Slot {
		const worker = new Worker(new URL('./render-worker.mjs', import.meta.url));
		const slot: Slot = { worker, tasks: [], ready: false };
		worker.on('message', (message: { id: number; result?: never; error?: string; ready?: true }) => {
			if (message.ready) {
				slot.ready = true;
				if (slot.tasks.length > 0) this.#startClock(slot);
				return;
			}
			const task = this.#finish(slot);
			if (!task) return;
			if (message.error !== undefined) task.reject(new Error(message.error));
			else task.resolve(message.result!);
			this.#drain();
		});
		worker.on('error', (error) => this.#replace(slot, error));
		// A worker that dies without an error event (out of memory, process.exit) must not leave its task waiting.
		worker.on('exit', (code) => {
			if (slot.tasks.length > 0) this.#replace(slot, new Error(`the renderer stopped unexpectedly (exit code ${code})`));
		});
		return slot;
	}

	/** Takes the running task off a worker that answered, and starts the clock of the one behind it. */
	#finish(slot: Slot): Task | undefined {
		clearTimeout(slot.timer);
		const task = slot.tasks.shift();
		if (slot.tasks.length > 0) this.#startClock(slot);
		return task;
	}

	#startClock(slot: Slot): void {
		if (!slot.ready) return;
		slot.timer = setTimeout(
			() => this.#replace(slot, new Error(`rendering took longer than ${this.#budgetMs / 1000} s; the article is too large or too deeply nested`)),
			this.#budgetMs,
		);
	}

	/** Replaces a failed worker: its running task fails with `error`, the tasks waiting behind it go back to the queue. */
	#replace(slot: Slot, error: Error): void {
		clearTimeout(slot.timer);
		const [task, ...waiting] = slot.tasks;
		slot.tasks = [];
		void slot.worker.terminate();
		const index = this.#slots.indexOf(slot);
		if (index !== -1) this.#slots[index] = this.#spawn();
		this.#queue.unshift(...waiting);
		task?.reject(error);
		this.#drain();
	}

	/** Hands out queued tasks: first one to every idle worker, then a second to each. */
	#drain(): void {
		for (let depth = 1; depth <= TASKS_PER_WORKER; depth++) {
			for (const slot of this.#slots) {
				if (slot.tasks.length >= depth) continue;
				const task = this.#queue.shift();
				if (!task) return;
				slot.tasks.push(task);
				if (slot.tasks.length === 1) this.#startClock(slot);
				slot.worker.postMessage({ id: task.id, ...task.job });
			}
		}
	}
}
