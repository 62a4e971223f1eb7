/**
 * Runs `task` over `items` with at most `limit` tasks running at once, so work over a whole archive keeps a
 * bounded number of files open and bodies in memory.
 * @example await forEachLimited(files, 64, async (file) => handle(await readFile(file)))
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < items.length) await task(items[next++]!);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
