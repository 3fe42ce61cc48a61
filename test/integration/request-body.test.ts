// Request bodies are read with a size cap while streaming: a chunked body with
// no Content-Length is refused at the limit, not buffered whole first.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJson } from "@/lib/http";

const MB = 1024 * 1024;

/** A chunked 50 MB request body that counts how much of it the server pulled. */
function chunkedRequest(totalBytes: number) {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const req = new Request("http://localhost/api/share-events", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    duplex: "half",
  } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("request body size cap", () => {
  it("a chunked 50 MB body without Content-Length is refused with 413 after reading little more than the limit", async () => {
    const { req, pulled } = chunkedRequest(50 * MB);
    expect(req.headers.get("content-length")).toBeNull();
    await expect(parseJson(req, z.unknown(), 4096)).rejects.toMatchObject({ status: 413 });
    expect(pulled()).toBeLessThan(1 * MB);
  });

  it("a body within the limit is parsed", async () => {
    const req = new Request("http://localhost/x", {
      method: "POST",
      body: JSON.stringify({ a: 1 }),
      headers: { "content-type": "application/json" },
    });
    expect(await parseJson(req, z.object({ a: z.number() }))).toEqual({ a: 1 });
  });
});
