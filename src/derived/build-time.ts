/**
 * The moment a build treats as "now" for "On this day" and the Google News sitemap: `SOURCE_DATE_EPOCH`
 * (seconds, the reproducible-builds convention) when set, otherwise the clock.
 * @example getBuildTime({ SOURCE_DATE_EPOCH: '1753358400' }) // 2025-07-24T12:00:00.000Z
 */
export function getBuildTime(env: Record<string, string | undefined> = process.env, now: () => Date = () => new Date()): Date {
	const epoch = env.SOURCE_DATE_EPOCH?.trim();
	if (!epoch) return now();
	if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${epoch}"`);
	return new Date(Number(epoch) * 1000);
}
