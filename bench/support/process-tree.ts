/**
 * Measures one command the way a benchmark should: wall time, CPU seconds and peak memory of the WHOLE process
 * tree it starts (Astro's worker threads, Pagefind's native binary, Hugo), not only of the first process.
 *
 * - CPU: GNU `/usr/bin/time` reports user + system seconds of the command and of every descendant that was waited
 *   for (the kernel adds a reaped child's usage, its own reaped descendants included, to its parent). Helpers that
 *   nobody waits for (Vite's esbuild service, a backend killed as Node exits) would be reaped by init and lost, so
 *   the command runs under `reap.py`, a child subreaper that waits for them (measured: without it, the 2.5 CPU s of
 *   Pagefind's service binary in a 1,000-story Clippings build were missing). The CPU seen by sampling `/proc` is kept too, by command
 *   name, as a cross-check and to tell Node's share from Pagefind's or esbuild's.
 * - Memory: `/proc` is sampled every `intervalMs` (50 ms); `peakTreeMb` is the largest SUM of resident set sizes
 *   over all processes of the tree at one moment (what the machine must hold), `peakProcessMb` the largest single
 *   process (what `/usr/bin/time -f %M` reports, also kept as `timeMaxRssMb`). RSS counts shared pages in each
 *   process, so the tree sum slightly overstates what two processes sharing libraries use.
 *
 * The measuring processes (`time`, `reap.py`) are left out of the memory figures; their CPU (a few hundredths of a
 * second) is in `cpuSeconds`. Linux only (it reads `/proc`). The command's output goes to a log file.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** What one command cost. */
export interface TreeFigures {
	/** Wall-clock seconds from start to exit. */
	seconds: number;
	/** User + system CPU seconds of the whole tree (`/usr/bin/time` %U + %S). */
	cpuSeconds: number;
	userSeconds: number;
	systemSeconds: number;
	/** CPU seconds seen by sampling `/proc` (a lower bound; misses the last interval of each process). */
	sampledCpuSeconds: number;
	/** The same, by command name: how much was Node, Pagefind's binary, esbuild, Hugo. */
	cpuByCommand: Record<string, number>;
	/** Whether `reap.py` waited for left-behind helpers (needs Python); if not, their CPU is missing from `cpuSeconds`. */
	reaped: boolean;
	/** Largest total RSS of the tree at one sample, in MB (MiB). */
	peakTreeMb: number;
	/** Largest RSS of one process at one sample, in MB (MiB). */
	peakProcessMb: number;
	/** `/usr/bin/time` %M: maximum RSS of the largest single process, in MB (MiB). */
	timeMaxRssMb: number;
	/** Most processes alive in the tree at one sample (the `time` wrapper included). */
	processes: number;
	/** How many samples were taken. */
	samples: number;
	/** CPU seconds the sampling itself cost this (the measuring) process, outside the tree. */
	samplerCpuSeconds: number;
	exitCode: number;
}

/** How to run a command. */
export interface MeasureOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** File that receives the command's stdout and stderr (overwritten). */
	log: string;
	/** Sampling interval for `/proc`, in milliseconds. */
	intervalMs?: number;
}

const PAGE_SIZE = 4096;
const TICKS_PER_SECOND = 100;
const MB = 1024 * 1024;

interface ProcStat {
	command: string;
	ppid: number;
	cpuTicks: number;
	rssBytes: number;
}

function readStat(pid: number): ProcStat | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	// The command name (field 2) may hold spaces and parentheses: the fields after it start past the LAST ')'.
	const end = text.lastIndexOf(')');
	const fields = text.slice(end + 2).split(' ');
	// fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, rss 24 (in pages).
	return {
		// Node 24 names its main thread, and so its process, `MainThread`.
		command: text.slice(text.indexOf('(') + 1, end).replace(/^MainThread$/, 'node'),
		ppid: Number(fields[1]),
		cpuTicks: Number(fields[11]) + Number(fields[12]),
		rssBytes: Number(fields[21]) * PAGE_SIZE,
	};
}

/**
 * Follows one process tree in `/proc`. The first `wrappers` levels (`time`, `reap.py`) are the measurement's,
 * not the command's: they are left out of memory, process counts and sampled CPU. Processes already found
 * outside the tree are not read again (a process never moves into another tree: an orphan goes to a reaper),
 * except every 40 ticks, in case a pid was reused.
 */
class TreeSampler {
	private readonly root: number;
	private readonly wrappers: number;
	private readonly outside = new Set<number>();
	private readonly lastCpu = new Map<number, { command: string; ticks: number }>();
	private ticks = 0;
	peakTree = 0;
	peakProcess = 0;
	processes = 0;

	constructor(root: number, wrappers: number, alreadyRunning: Iterable<number>) {
		this.root = root;
		this.wrappers = wrappers;
		for (const pid of alreadyRunning) if (pid !== root) this.outside.add(pid);
	}

	sample(): void {
		if (++this.ticks % 40 === 0) this.outside.clear();
		const stats = new Map<number, ProcStat>();
		for (const name of readdirSync('/proc')) {
			const pid = Number(name);
			if (!Number.isInteger(pid) || this.outside.has(pid)) continue;
			const stat = readStat(pid);
			if (stat) stats.set(pid, stat);
		}
		const depth = new Map<number, number>();
		if (stats.has(this.root)) depth.set(this.root, 0);
		// Parents may be listed after their children: repeat until no process joins.
		for (let grew = true; grew; ) {
			grew = false;
			for (const [pid, stat] of stats) {
				const parent = depth.get(stat.ppid);
				if (!depth.has(pid) && parent !== undefined) {
					depth.set(pid, parent + 1);
					grew = true;
				}
			}
		}
		let total = 0;
		let processes = 0;
		for (const [pid, stat] of stats) {
			const level = depth.get(pid);
			if (level === undefined) {
				this.outside.add(pid);
				continue;
			}
			if (level < this.wrappers) continue;
			total += stat.rssBytes;
			processes++;
			this.peakProcess = Math.max(this.peakProcess, stat.rssBytes);
			this.lastCpu.set(pid, { command: stat.command, ticks: stat.cpuTicks });
		}
		this.peakTree = Math.max(this.peakTree, total);
		this.processes = Math.max(this.processes, processes);
	}

	/** CPU seconds last seen, by command name (`node`, `pagefind_extended`, `esbuild`, `hugo`). */
	get cpuByCommand(): Record<string, number> {
		const byCommand: Record<string, number> = {};
		for (const { command, ticks } of this.lastCpu.values()) byCommand[command] = (byCommand[command] ?? 0) + ticks / TICKS_PER_SECOND;
		return byCommand;
	}

	get samples(): number {
		return this.ticks;
	}
}

/** Debian's Python, else the first `python3` on PATH: `reap.py` needs one. */
function findPython(): string | undefined {
	for (const folder of ['/usr/bin', ...(process.env.PATH ?? '').split(':')]) {
		const candidate = path.join(folder, 'python3');
		if (existsSync(candidate)) return candidate;
	}
	return undefined;
}

const PYTHON = findPython();
const REAPER = path.join(import.meta.dirname, 'reap.py');

function listPids(): number[] {
	return readdirSync('/proc')
		.map(Number)
		.filter((pid) => Number.isInteger(pid));
}

/**
 * Runs `command args…` under `/usr/bin/time`, sampling its process tree, and returns what it cost. Never throws
 * for a failing command: check `exitCode`.
 * @example await measureTree('hugo', ['--source', 'bench/hugo'], { cwd: ROOT, log: 'bench/.work/logs/hugo.log' })
 */
export async function measureTree(command: string, args: string[], options: MeasureOptions): Promise<TreeFigures> {
	const report = `${options.log}.time`;
	rmSync(report, { force: true });
	const out = openSync(options.log, 'w');
	const before = listPids();
	const ownCpu = process.cpuUsage();
	const started = performance.now();
	const reaped = PYTHON ? [PYTHON, REAPER, command, ...args] : [command, ...args];
	const child = spawn('/usr/bin/time', ['-o', report, '-f', '%U %S %M', ...reaped], {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', out, out],
	});
	const sampler = new TreeSampler(child.pid!, PYTHON ? 2 : 1, before);
	sampler.sample();
	const timer = setInterval(() => sampler.sample(), options.intervalMs ?? 50);
	const exitCode = await new Promise<number>((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
	});
	const seconds = (performance.now() - started) / 1000;
	clearInterval(timer);
	const samplerCpu = process.cpuUsage(ownCpu);
	closeSync(out);
	// With a failing command, `time` writes "Command exited with non-zero status N" first: the figures are last.
	const cpuByCommand = sampler.cpuByCommand;
	const line = existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n').at(-1)! : '';
	const [user = Number.NaN, system = Number.NaN, maxRssKb = Number.NaN] = line.split(' ').map(Number);
	return {
		seconds,
		cpuSeconds: user + system,
		userSeconds: user,
		systemSeconds: system,
		sampledCpuSeconds: Object.values(cpuByCommand).reduce((sum, seconds) => sum + seconds, 0),
		cpuByCommand,
		reaped: Boolean(PYTHON),
		peakTreeMb: sampler.peakTree / MB,
		peakProcessMb: sampler.peakProcess / MB,
		timeMaxRssMb: maxRssKb / 1024,
		processes: sampler.processes,
		samples: sampler.samples,
		samplerCpuSeconds: (samplerCpu.user + samplerCpu.system) / 1e6,
		exitCode,
	};
}

/**
 * Adds the figures of commands run one after the other (a build, then its indexer): seconds and CPU add up,
 * memory peaks are the larger of the two (they never ran at once).
 */
export function sequence(...steps: TreeFigures[]): TreeFigures {
	const sum = (pick: (figures: TreeFigures) => number) => steps.reduce((total, step) => total + pick(step), 0);
	const max = (pick: (figures: TreeFigures) => number) => Math.max(...steps.map(pick));
	return {
		seconds: sum((step) => step.seconds),
		cpuSeconds: sum((step) => step.cpuSeconds),
		userSeconds: sum((step) => step.userSeconds),
		systemSeconds: sum((step) => step.systemSeconds),
		sampledCpuSeconds: sum((step) => step.sampledCpuSeconds),
		cpuByCommand: steps.reduce<Record<string, number>>((total, step) => {
			for (const [command, seconds] of Object.entries(step.cpuByCommand)) total[command] = (total[command] ?? 0) + seconds;
			return total;
		}, {}),
		reaped: steps.every((step) => step.reaped),
		peakTreeMb: max((step) => step.peakTreeMb),
		peakProcessMb: max((step) => step.peakProcessMb),
		timeMaxRssMb: max((step) => step.timeMaxRssMb),
		processes: max((step) => step.processes),
		samples: sum((step) => step.samples),
		samplerCpuSeconds: sum((step) => step.samplerCpuSeconds),
		exitCode: steps.find((step) => step.exitCode !== 0)?.exitCode ?? 0,
	};
}
