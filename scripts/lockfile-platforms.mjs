// This machine's npm registry mirror serves only Linux x64 builds of native
// packages, so `npm install` leaves other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lock as "out of sync".
// This adds those entries (with their os/cpu, so npm skips them here and
// fetches them on a laptop from the full registry). Run after `npm install`.
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const pkgs = lock.packages;
const PLATFORM = [
  [/darwin/, ["darwin"]],
  [/win32/, ["win32"]],
  [/freebsd/, ["freebsd"]],
  [/android/, ["android"]],
  [/linux/, ["linux"]],
  [/openbsd/, ["openbsd"]],
  [/sunos/, ["sunos"]],
  [/netbsd/, ["netbsd"]],
  [/aix/, ["aix"]],
];
const CPU = [
  [/wasm32/, ["wasm32"]],
  [/arm64|aarch64/, ["arm64"]],
  [/-arm(-|$)|armv7|gnueabihf|musleabihf/, ["arm"]],
  [/ia32|-x86(-|$)/, ["ia32"]],
  [/x64|x86_64/, ["x64"]],
  [/riscv64/, ["riscv64"]],
  [/ppc64/, ["ppc64"]],
  [/s390x/, ["s390x"]],
  [/loong64/, ["loong64"]],
  [/mips64el/, ["mips64el"]],
];
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (pkgs[base] || pkgs[top]) continue;
    const version = String(range).replace(/^[\^~=]/, "");
    const entry = { version, dev: meta.dev || undefined, optional: true };
    const os = PLATFORM.find(([re]) => re.test(dep))?.[1];
    const cpu = CPU.find(([re]) => re.test(dep))?.[1];
    if (os) entry.os = os;
    if (cpu) entry.cpu = cpu;
    if (!os && !cpu) continue; // not a platform package: leave it to npm
    pkgs[top] = entry;
    added++;
  }
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`[lockfile-platforms] added ${added} other-platform optional entries`);
