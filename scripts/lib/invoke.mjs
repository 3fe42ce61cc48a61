// Spawn scripts/invoke-handler.ts with exactly the given environment (plus PATH
// and HOME so Node itself can start, as Lambda's runtime has them too).
import { spawn } from "node:child_process";
import path from "node:path";

export function invokeHandler(file, env, event = {}, { exportName = "handler", cwd = process.cwd() } = {}) {
  const tsx = path.join(cwd, "node_modules", ".bin", "tsx");
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join(cwd, "scripts/invoke-handler.ts"), file, exportName, JSON.stringify(event)], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      let parsed;
      try {
        parsed = JSON.parse(last);
      } catch {
        parsed = { ok: false, error: `no result (exit ${code}): ${err.slice(-2000)}` };
      }
      resolve({ ...parsed, code, stdout: out, stderr: err });
    });
  });
}
