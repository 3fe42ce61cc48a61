// Type-checks sst.config.ts against SST's real component types, offline:
// `sst install` fetches the platform + providers (with bun from npm, no Pulumi
// download), which writes .sst/platform/config.d.ts; then tsc checks the config.
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const env = {
  ...process.env,
  SST_SKIP_DEPENDENCY_CHECK: "1",
  SST_TELEMETRY_DISABLED: "1",
  SST_BUN_PATH: realpathSync("node_modules/.bin/bun"),
  // sst writes its own state under XDG_CONFIG_HOME; keep it out of the user's home.
  XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? mkdtempSync(path.join(tmpdir(), "apex-sst-")),
};
execFileSync("node_modules/.bin/sst", ["install", "--stage", "dev"], { env, stdio: ["ignore", "inherit", "inherit"] });
execFileSync("node_modules/.bin/tsc", ["-p", "tsconfig.sst.json"], { stdio: "inherit" });
console.log("[apexshare] sst.config.ts type-checks against SST's component types");
