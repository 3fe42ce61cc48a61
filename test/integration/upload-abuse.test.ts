// Upload requests an attacker (or a buggy client) might send: malformed ones
// must not spend the trainer's quota, and a part number is a plain decimal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import { hit, POLICIES } from "@/lib/rate-limit";
import { contentDisposition } from "@/lib/storage/s3";
import { MiB } from "@/lib/uploads/rules";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import { createUpload, recordParts } from "@/lib/uploads/service";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { startTestS3, type TestS3 } from "../support/s3";

let t: TestDatabase;
let s3: TestS3;
let deps: AppContext;
let tina: User;

beforeAll(async () => {
  [s3, t] = await Promise.all([startTestS3(), openTestDatabase()]);
  const config = resolveConfig({
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: "x".repeat(40),
    CRON_SECRET: "c".repeat(20),
    UPLOAD_MAX_BYTES: String(100 * MiB),
  });
  deps = { db: t.db, storage: s3.storage, config, now: () => new Date() };
  tina = await createTrainer(t.db, { email: "quota.tina@example.com", password: "correct horse battery", name: "Tina" });
});
afterAll(async () => {
  await s3?.close();
  await t?.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  fileName: "track-day.mp4",
  contentType: "video/mp4",
  size: 1000,
  sessionDate: "2026-05-31",
  students: [{ email: "sam@example.com" }],
  ...over,
});

describe("upload abuse", () => {
  it("invalid upload requests do not spend the hourly upload quota; the quota still holds", async () => {
    // One upload left in this hour's quota.
    for (let i = 0; i < POLICIES.uploadsPerTrainer.limit - 1; i++) await hit(t.db, POLICIES.uploadsPerTrainer, tina.id);
    for (const bad of [body({ size: -1 }), body({ fileName: "x.exe" }), body({ students: "all" }), {}, body({ sessionDate: "2026-02-30" })])
      await expect(createUpload(deps, tina, bad)).rejects.toMatchObject({ status: 400 });
    expect(await createUpload(deps, tina, body())).toMatchObject({ resumed: false });
    await expect(createUpload(deps, tina, body({ fileName: "second.mp4" }))).rejects.toMatchObject({ status: 429 });
  });

  it('refuses part numbers that are not plain JSON integers ("0x1", "1e0", " 1")', async () => {
    const fresh = await createTrainer(t.db, { email: "parts.tina@example.com", password: "correct horse battery", name: "Tina" });
    const up = await createUpload(deps, fresh, body());
    for (const n of ["0x1", "1e0", " 1", "1", 1.5, -1, 0])
      await expect(recordParts(deps, fresh, up.videoId, { parts: [{ partNumber: n, etag: '"e"', size: 1000 }] })).rejects.toMatchObject({
        status: 400,
      });
  });

  it("a download name cannot reverse its visible extension with bidi controls (U+202E) in filename*", () => {
    const header = contentDisposition("invoice\u202Egpj.exe\u2066.mp4");
    expect(decodeURIComponent(header.split("filename*=UTF-8''")[1])).toBe("invoicegpj.exe.mp4");
    expect(header).not.toMatch(/%E2%80%AE|%E2%81%A6/i);
  });
});
