/**
 * Summarises `node --cpu-prof` output: `npx tsx bench/profile-summary.ts <file.cpuprofile | dir> [top]`.
 * Given a directory, it reads the largest profile in it (the main thread's; tsx's loader thread
 * writes a small one beside it).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type CpuProfile, renderSummary, summarize } from './cpu-profile.js';

/** The largest `.cpuprofile` of a directory (of process `pid`, when given), or the path itself when it is a file. */
export async function pickProfile(path: string, pid?: number): Promise<string> {
  if (!(await stat(path)).isDirectory()) return path;
  // V8 names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
  const files = (await readdir(path))
    .filter((f) => f.endsWith('.cpuprofile') && (pid === undefined || f.split('.')[3] === String(pid)))
    .map((f) => join(path, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  const sizes = await Promise.all(files.map(async (f) => ({ f, size: (await stat(f)).size })));
  return sizes.sort((a, b) => b.size - a.size)[0]!.f;
}

/** `window` (process.hrtime µs of the profiled process) keeps only the samples taken inside it. */
export async function summarizeFile(
  path: string,
  top: number,
  options: { cpuMsPerQuery?: number; pid?: number; window?: { fromMicros: number; toMicros: number } } = {},
): Promise<string> {
  const file = await pickProfile(path, options.pid);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const span = options.window
    ? `, samples from ${((options.window.fromMicros - profile.startTime) / 1e6).toFixed(1)} s to ${((options.window.toMicros - profile.startTime) / 1e6).toFixed(1)} s of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`
    : '';
  return `Profile ${file}${span}\n${renderSummary(summarize(profile, top, options.window), options.cpuMsPerQuery)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, top] = process.argv.slice(2);
  if (!path) {
    console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile | directory> [top=15]');
    process.exit(2);
  }
  console.log(await summarizeFile(path, Number(top ?? 15)));
}
