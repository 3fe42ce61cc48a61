// CPU and memory of processes, read from Linux /proc: the benchmarks charge CPU time to
// the app server, s3rver and Chromium, and tell their own load from other people's.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { sleep } from "./processes.mjs";

export const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat from field 3 (state) on; the command name in field 2 may contain spaces. */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}
const ticksToMs = (ticks) => (ticks * 1000) / CLK_TCK;
const numericDirs = () => readdirSync("/proc").filter((name) => /^\d+$/.test(name));

/** Every live process: pid → { ppid, pgid, cmd }. */
export function procTable() {
  const out = new Map();
  for (const name of numericDirs()) {
    try {
      const f = statFields(name);
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.set(Number(name), { ppid: Number(f[1]), pgid: Number(f[2]), cmd });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** All processes below `root` (children, their children, …). */
export function descendants(root, table = procTable()) {
  const kids = new Map();
  for (const [pid, p] of table) (kids.get(p.ppid) ?? kids.set(p.ppid, []).get(p.ppid)).push(pid);
  const out = [];
  const stack = [...(kids.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return out;
}

/** CPU time (utime + stime) of a process in ms, or null if it is gone. */
export function cpuMs(pid) {
  // Nanoseconds on the CPU per thread (/proc/PID/task/TID/schedstat), summed: /proc/PID/stat counts
  // 10 ms ticks, too coarse for a route that costs a few ms. Node's threads live as long as the process.
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
  } catch {
    // no schedstat: fall back to the ticks
  }
  try {
    const f = statFields(pid);
    return ticksToMs(Number(f[11]) + Number(f[12])); // fields 14, 15
  } catch {
    return null;
  }
}
export const cpuMsOf = (pids) => pids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);

/** CPU time (ms) used so far by every live process in a process group (null off Linux). */
export function groupCpuMs(pgid) {
  try {
    return cpuMsOf([...procTable()].filter(([, p]) => p.pgid === pgid).map(([pid]) => pid));
  } catch {
    return null;
  }
}

/** VmRSS in bytes, or null if the process is gone. */
export function rssBytes(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** VmRSS summed over every live process in a process group, in bytes (null off Linux). */
export function groupRssBytes(pgid) {
  try {
    return [...procTable()].filter(([, p]) => p.pgid === pgid).reduce((sum, [pid]) => sum + (rssBytes(pid) ?? 0), 0);
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine in ms (/proc/stat: all but idle and iowait). */
export function machineBusyMs() {
  const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
  return ticksToMs(user + nice + system + irq + softirq + (steal || 0));
}

/** CPU of this process and everything it started (app, s3rver, Chromium). */
export const oursCpuMs = () => cpuMsOf([process.pid, ...descendants(process.pid)]);

/**
 * Other people's work on the machine skews throughput: wait (up to `maxWaitMs`) for a 1 s
 * window in which processes we did not start use < 15% of it. Returns that share.
 */
export async function waitForQuiet(maxWaitMs = 20_000) {
  const t0 = Date.now();
  let load;
  do {
    const m0 = machineBusyMs();
    const o0 = oursCpuMs();
    await sleep(1000);
    load = (machineBusyMs() - m0 - (oursCpuMs() - o0)) / (1000 * os.cpus().length);
    if (load < 0.15) return load;
  } while (Date.now() - t0 < maxWaitMs);
  return load;
}
