// GoPro HiLights: the moments a rider tagged with the camera's button. The camera
// writes them in the MP4's `moov/udta/HMMT` box: a big-endian uint32 count, then
// that many uint32 offsets in milliseconds. Read by walking the top-level boxes
// with ranged reads (a presigned URL or a local path), so a 4 GB file costs a few
// small requests plus its `moov`, never the `mdat`.
import { open } from "node:fs/promises";
import http from "node:http";
import https from "node:https";

type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const MAX_TOP_LEVEL_BOXES = 64;
/** A camera keeps far fewer; more means the box is not what we think it is. */
const MAX_HILIGHTS = 1000;

function fileReader(path: string): ReadAt {
  return async (offset, length) => {
    const fh = await open(path, "r");
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  };
}

// node:http rather than fetch: inside the Next.js server, fetch is patched (caching, request
// tracking), and this runs in the media worker, outside any request.
function urlReader(url: string): ReadAt {
  return (offset, length) =>
    new Promise((resolve, reject) => {
      const get = url.startsWith("https:") ? https.get : http.get;
      const req = get(url, { headers: { range: `bytes=${offset}-${offset + length - 1}` }, timeout: 30_000 }, (res) => {
        const status = res.statusCode ?? 0;
        if (status === 416) {
          res.resume();
          return resolve(Buffer.alloc(0));
        }
        if (status !== 200 && status !== 206) {
          res.resume();
          return reject(new Error(`reading ${length} bytes at ${offset}: HTTP ${status}`));
        }
        // A server that ignores Range sends the whole file: keep only what was asked for.
        const skip = status === 206 ? 0 : offset;
        const chunks: Buffer[] = [];
        let have = 0;
        const done = () => resolve(Buffer.concat(chunks).subarray(skip, skip + length));
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          have += chunk.length;
          if (have >= skip + length) {
            res.destroy();
            done();
          }
        });
        res.on("end", done);
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`reading ${length} bytes at ${offset}: timed out`)));
      req.on("error", reject);
    });
}

/** Child boxes of a container's payload: [type, payload]. */
function* boxes(buf: Buffer): Generator<[string, Buffer]> {
  let at = 0;
  while (at + 8 <= buf.length) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > buf.length) return;
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = buf.length - at;
    if (size < header || at + size > buf.length) return;
    yield [type, buf.subarray(at + header, at + size)];
    at += size;
  }
}

/** HiLight times in seconds from an HMMT payload; bounded by the payload's own length. */
export function parseHmmt(payload: Buffer): number[] {
  if (payload.length < 4) return [];
  const count = Math.min(payload.readUInt32BE(0), MAX_HILIGHTS, Math.floor((payload.length - 4) / 4));
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const ms = payload.readUInt32BE(4 + i * 4);
    if (ms > 0) out.push(ms / 1000);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** HiLights in a `moov` payload: [] when it has none. */
export function hilightsInMoov(moov: Buffer): number[] {
  for (const [type, udta] of boxes(moov)) {
    if (type !== "udta") continue;
    for (const [t, payload] of boxes(udta)) if (t === "HMMT") return parseHmmt(payload);
  }
  return [];
}

/** The HiLights (seconds) of an MP4 at a path or URL; null when it has no readable `moov`. */
export async function readHilights(input: string): Promise<number[] | null> {
  const read = /^https?:\/\//.test(input) ? urlReader(input) : fileReader(input);
  let offset = 0;
  for (let i = 0; i < MAX_TOP_LEVEL_BOXES; i++) {
    const head = await read(offset, 16);
    if (head.length < 8) return null;
    let size = head.readUInt32BE(0);
    const type = head.toString("latin1", 4, 8);
    let header = 8;
    if (size === 1) {
      if (head.length < 16) return null;
      size = Number(head.readBigUInt64BE(8));
      header = 16;
    }
    if (type === "moov") {
      if (size === 0 || size > MAX_MOOV_BYTES) return null;
      const moov = await read(offset + header, size - header);
      return hilightsInMoov(moov);
    }
    if (size < header) return null; // 0 = "to the end of the file": no moov after it
    offset += size;
  }
  return null;
}

/** HiLights of a recording in chapters: each chapter's marks shifted by the chapters before it. */
export function joinChapterHilights(chapters: { durationSeconds: number; hilights: number[] | null }[]): number[] | null {
  if (chapters.every((c) => c.hilights === null)) return null;
  const out: number[] = [];
  let start = 0;
  for (const c of chapters) {
    for (const t of c.hilights ?? []) out.push(Math.round((start + t) * 1000) / 1000);
    start += c.durationSeconds;
  }
  return out;
}
