// Native extraction throughput and peak memory: `chaff extract --format
// jsonl` over every page in one process (RAYON_NUM_THREADS=1 for one
// thread, unset for all cores), the in-process Rust bench
// (benches/throughput.rs) when it builds, and trafilatura in-process in
// Python (bench/trafilatura_bench.py), one process and a pool of all cores.
// Peak memory: GNU time's maximum resident set size.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from './stats.mjs';

function timeV(cmd, args, env = {}, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', opts.stdout ?? 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
    encoding: 'utf8',
    cwd: opts.cwd,
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rss = r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const user = r.stderr.match(/User time \(seconds\): ([\d.]+)/);
  const sys = r.stderr.match(/System time \(seconds\): ([\d.]+)/);
  if (r.status !== 0 && !(opts.okStatus ?? [0]).includes(r.status)) {
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} ...: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  }
  const cpuSeconds = user && sys ? Number(user[1]) + Number(sys[1]) : null;
  return { seconds, cpuSeconds, maxRssKB: rss ? Number(rss[1]) : null, stderr: r.stderr };
}

export function chaffCli({ chaff, files, bytes, rounds = 5 }) {
  const out = {};
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  for (const [key, env] of [
    ['oneThread', { RAYON_NUM_THREADS: '1' }],
    ['allCores', {}],
  ]) {
    timeV(chaff, ['extract', '--format', 'jsonl', ...files], env, { okStatus: [0, 3] }); // warm the page cache
    const runs = [];
    for (let i = 0; i < rounds; i++) runs.push(timeV(chaff, ['extract', '--format', 'jsonl', ...files], env, { okStatus: [0, 3] }));
    const s = median(runs.map((r) => r.seconds));
    const cpu = median(runs.map((r) => r.cpuSeconds));
    out[key] = {
      cpuSecondsPerPass: cpu,
      pagesPerCpuSecond: files.length / cpu,
      threads: key === 'oneThread' ? 1 : cores,
      rounds,
      secondsPerPass: s,
      pagesPerSecond: files.length / s,
      mbPerSecond: bytes / 1e6 / s,
      maxRssKB: Math.max(...runs.map((r) => r.maxRssKB)),
      allSeconds: runs.map((r) => r.seconds),
    };
  }
  return out;
}

/** benches/throughput.rs through cargo (in-process: no process start, no output). */
export function cargoBench({ root, corpus }) {
  const r = spawnSync('cargo', ['bench', '--bench', 'throughput', '--', corpus], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CARGO_TERM_PROGRESS_WHEN: 'never' },
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) return { error: `cargo bench exited ${r.status}: ${r.stderr.split('\n').slice(-5).join(' ')}` };
  const text = r.stdout;
  const one = text.match(/one thread:\s+([\d.]+) pages\/s\s+([\d.]+) MB\/s/);
  const all = text.match(/(\d+) threads:\s+([\d.]+) pages\/s\s+([\d.]+) MB\/s/);
  const lat = text.match(/median ([\d.]+) ms, p90 ([\d.]+) ms, max ([\d.]+) ms/);
  const classify = text.match(/classify:\s+([\d.]+) ms per 1 000 nodes/);
  return {
    output: text.trim(),
    oneThread: one && { pagesPerSecond: Number(one[1]), mbPerSecond: Number(one[2]) },
    allCores: all && { threads: Number(all[1]), pagesPerSecond: Number(all[2]), mbPerSecond: Number(all[3]) },
    perPageMs: lat && { median: Number(lat[1]), p90: Number(lat[2]), max: Number(lat[3]) },
    classifyMsPer1000Nodes: classify && Number(classify[1]),
  };
}

export function trafilatura({ python, script, listFile, minSeconds = 8, tmp }) {
  const out = {};
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  for (const [key, procs] of [
    ['oneThread', 1],
    ['allCores', cores],
  ]) {
    const json = path.join(tmp, `trafilatura-${key}.json`);
    const r = timeV(python, [script, 'time', listFile, String(procs), String(minSeconds), json]);
    const res = JSON.parse(fs.readFileSync(json, 'utf8'));
    out[key] = {
      threads: procs,
      passes: res.passes,
      secondsPerPass: res.secondsPerPass,
      cpuSecondsPerPass: res.cpuSecondsPerPass ?? null,
      pagesPerCpuSecond: res.cpuSecondsPerPass ? res.pages / res.cpuSecondsPerPass : null,
      pagesPerSecond: res.pagesPerSecond,
      mbPerSecond: res.mbPerSecond,
      maxRssKB: r.maxRssKB, // the largest single process (GNU time reports the maximum, not a sum)
      totalRssKB: res.totalRssKB ?? null, // parent + every worker, each at its peak
      version: res.version,
    };
  }
  return out;
}
