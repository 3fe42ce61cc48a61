import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, openSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Response } from "@playwright/test";

/** A file of `mib` MiB of random bytes (not a playable video: the thumbnail step must cope). */
export function randomFile(name: string, mib: number): string {
  const dir = path.join(tmpdir(), "apexshare-e2e-files");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    const fd = openSync(file, "w");
    for (let i = 0; i < mib; i++) writeSync(fd, randomBytes(1024 * 1024));
    closeSync(fd);
  }
  return file;
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(file)
      .on("data", (c) => h.update(c))
      .on("end", () => resolve(h.digest("hex")))
      .on("error", reject);
  });
}

/** Part numbers the server confirmed into its ledger with this response (batched or single). */
export function recordedParts(res: Response): number[] {
  const req = res.request();
  if (req.method() !== "PUT" || !res.ok()) return [];
  const path = new URL(res.url()).pathname;
  const single = /\/api\/uploads\/[^/]+\/parts\/(\d+)$/.exec(path);
  if (single) return [Number(single[1])];
  if (!/\/api\/uploads\/[^/]+\/parts$/.test(path)) return [];
  const body = req.postDataJSON() as { parts?: { partNumber: number }[] } | null;
  return body?.parts?.map((p) => p.partNumber) ?? [];
}
