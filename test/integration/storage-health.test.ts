import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { probeHealth } from "@/lib/health";
import { contentDisposition, Storage } from "@/lib/storage/s3";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";
import type { TestS3 } from "../support/s3";

let s3: TestS3;
let t: TestDatabase;
beforeAll(async () => {
  const h = await startHarness({ s3: true });
  ({ s3, t } = h);
  return h.close;
});

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
/** Stores an object the way the browser does: a presigned PUT. */
async function putObject(key: string, body: Buffer<ArrayBuffer>) {
  expect((await fetch(await s3.storage.presignPut(key, 60), { method: "PUT", body })).status).toBe(200);
}

describe("local S3 server over the real protocol", () => {
  it("round-trips bytes through a presigned PUT and a presigned GET", async () => {
    const body = randomBytes(256 * 1024 + 17);
    const put = await fetch(await s3.storage.presignPut("roundtrip/a.bin", 60), { method: "PUT", body });
    expect(put.status).toBe(200);
    const get = await fetch(await s3.storage.presignGet("roundtrip/a.bin", 60));
    expect(get.status).toBe(200);
    expect(sha(new Uint8Array(await get.arrayBuffer()))).toBe(sha(body));
    expect(await s3.storage.headSize("roundtrip/a.bin")).toBe(body.length);
  });

  it("answers a Range request with 206 (what makes seeking work)", async () => {
    const body = randomBytes(10_000);
    await putObject("range/b.bin", body);
    const res = await fetch(await s3.storage.presignGet("range/b.bin", 60), { headers: { Range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(body.subarray(100, 200))).toBe(true);
  });

  it("refuses an expired presigned URL", async () => {
    await putObject("exp/c.bin", randomBytes(10));
    const url = await s3.storage.presignGet("exp/c.bin", 1);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(url)).status).toBe(403);
  });

  it("makes a safe Content-Disposition for awkward file names", () => {
    expect(contentDisposition('ride "fast"/..\\evil.mp4')).toBe(`attachment; filename="evil.mp4"; filename*=UTF-8''evil.mp4`);
    expect(contentDisposition('a"b;c.mp4')).toBe(`attachment; filename="a_b_c.mp4"; filename*=UTF-8''a%22b%3Bc.mp4`);
    expect(contentDisposition("Séance über 🏍.mov")).toBe(
      `attachment; filename="Seance uber .mov"; filename*=UTF-8''S%C3%A9ance%20%C3%BCber%20%F0%9F%8F%8D.mov`,
    );
  });
});

describe("health", () => {
  it("is ok when the database and storage answer", async () => {
    expect(
      await probeHealth(
        async () => t.db,
        () => s3.storage,
      ),
    ).toEqual({ ok: true, database: "ok", storage: "ok" });
  });

  it("names storage when the S3 server does not answer", async () => {
    const dead = new Storage({ ...s3.storage.config, endpoint: "http://127.0.0.1:9", publicEndpoint: "http://127.0.0.1:9" });
    expect(
      await probeHealth(
        async () => t.db,
        () => dead,
      ),
    ).toEqual({ ok: false, database: "ok", storage: "unreachable" });
  });

  it("names the database when it does not answer", async () => {
    const res = await probeHealth(
      () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
      () => s3.storage,
    );
    expect(res).toEqual({ ok: false, database: "unreachable", storage: "ok" });
  });
});
