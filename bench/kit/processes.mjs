// What both benchmarks start and must stop again: a cleanup list undone in reverse
// (also on Ctrl-C), the app's process group, port checks, the production build.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const note = (s) => process.stderr.write(`· ${s}\n`);

// ── Cleanup: everything started is registered here, undone in reverse, once ──
const cleanups = [];
const onExit = []; // synchronous last resort when the process ends some other way
let cleaning;

/** Registers an undo step (async allowed); `sync`, if given, runs at process exit should cleanup() never run. */
export function atCleanup(fn, sync) {
  cleanups.push(fn);
  if (sync) onExit.unshift(sync);
}

export function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        process.stderr.write(`cleanup: ${e?.message ?? e}\n`);
      }
    }
  })();
  return cleaning;
}

process.on("exit", () => {
  for (const fn of onExit) {
    try {
      fn();
    } catch {}
  }
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    process.stderr.write(`\n${sig}: cleaning up…\n`);
    await cleanup();
    process.exit(130);
  });
}

/** Runs `main`, always cleans up, and exits 0, or 1 with the error (and `describeFailure()`'s extra lines). */
export async function runBench(name, main, describeFailure = () => "") {
  process.on("unhandledRejection", (err) => {
    console.error(`\n${name} failed: ${err?.stack ?? err}`);
    cleanup().finally(() => process.exit(1));
  });
  let code = 0;
  try {
    await main();
  } catch (e) {
    code = 1;
    console.error(`\n${name} failed: ${e?.stack ?? e}${describeFailure()}`);
  } finally {
    await cleanup();
  }
  process.exit(code);
}

/** True when nothing listens on `port`, on 127.0.0.1 or on any other address (e.g. *:port). */
export async function portIsFree(port) {
  const bindable = await new Promise((resolve) => {
    const s = net.createServer().once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
  if (!bindable) return false;
  return new Promise((resolve) => {
    const c = net
      .connect(port, "127.0.0.1")
      .once("connect", () => (c.destroy(), resolve(false)))
      .once("error", () => resolve(true));
  });
}

export async function requireFreePorts(ports) {
  for (const port of ports)
    if (!(await portIsFree(port)))
      throw new Error(`port ${port} is in use — is another benchmark running? Stop whatever listens there first.`);
}

/** Runs a command to completion with its output in `logFile`; a failure shows the log's tail. */
export function runLogged(cmd, args, { env = process.env, logFile, label }) {
  note(`${label} (log: ${logFile})`);
  return new Promise((resolve, reject) => {
    const out = createWriteStream(logFile);
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on("error", reject);
    child.on("exit", (code) => {
      out.end();
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (exit ${code}):\n${readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")}`));
    });
  });
}

/** Runs a child to completion without blocking this process's event loop (in-process servers keep answering). */
export function runChild(cmd, args, { cwd = ROOT, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    atCleanup(() => child.kill("SIGKILL"));
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status: status ?? signal, stdout, stderr });
    });
  });
}

/** `next build` when there is no production build yet (.next/BUILD_ID). */
export async function ensureNextBuild(logDir) {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  await runLogged(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    label: "next build (no .next/BUILD_ID; a few minutes)",
    logFile: path.join(logDir, "next-build.log"),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/**
 * Starts a long-running command in its own process group (so it and everything it forks
 * stop together), keeps the tail of its output, and waits until `readyUrl` answers 200.
 * Returns { child, pid, exited(), tailLog(), stop() }; stop() is also registered for cleanup.
 */
export async function startService(label, args, { env, readyUrl, timeoutMs = 120_000 }) {
  note(`${label}: waiting for ${readyUrl}`);
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines = [];
  const keep = (chunk) => {
    for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(l);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exitInfo = null;
  const gone = new Promise((r) => child.once("exit", (code, signal) => r((exitInfo = { code, signal }))));
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {}
  };
  const service = {
    child,
    pid: child.pid,
    exited: () => exitInfo,
    tailLog: (n = 40) => lines.slice(-n).join("\n"),
    async stop() {
      if (exitInfo) return;
      killGroup("SIGTERM");
      const done = await Promise.race([gone.then(() => true), sleep(8000).then(() => false)]);
      if (done) await sleep(200); // let the rest of the group (e.g. next-server under a launcher) finish dying
      killGroup("SIGKILL"); // anything left in the group
      await gone;
    },
  };
  atCleanup(
    () => service.stop(),
    () => exitInfo || killGroup("SIGKILL"),
  );

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitInfo) throw new Error(`${label} exited during start (${JSON.stringify(exitInfo)}):\n${service.tailLog()}`);
    if (Date.now() > deadline) throw new Error(`${label} did not answer ${readyUrl} in ${timeoutMs / 1000} s:\n${service.tailLog()}`);
    try {
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return service;
    } catch {}
    await sleep(250);
  }
}

/** The demo trainer the app writes into its data dir on first start. */
export async function demoTrainer(dataDir, timeoutMs = 60_000) {
  const file = path.join(dataDir, "demo-trainer.json");
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the app did not write ${file}`);
    await sleep(100);
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Debian's Chromium where present (as playwright.config.ts does); undefined lets Playwright use its own. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
/** Flags for a quiet, headless-ready Chromium on a server (add the headless flag of your launcher). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
