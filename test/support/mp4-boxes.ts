// A small MP4 box writer for fixtures: GoPro HiLights live in `moov/udta/HMMT`
// (uint32 count, then uint32 millisecond offsets, big-endian). ffmpeg cannot write
// that box, so tests take an ffmpeg-made clip and insert it here. Plain Node: the
// e2e suite uses it too.

/** One box: 32-bit size, 4-character type, payload. */
export function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, payload]);
}

/** The HMMT box for HiLights at these milliseconds. */
export function hmmtBox(ms: number[]): Buffer {
  const payload = Buffer.alloc(4 + 4 * ms.length);
  payload.writeUInt32BE(ms.length, 0);
  ms.forEach((v, i) => payload.writeUInt32BE(v, 4 + 4 * i));
  return box("HMMT", payload);
}

/** Top-level boxes: [type, start, size]. */
function topLevel(file: Buffer): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let at = 0; at + 8 <= file.length;) {
    const size = file.readUInt32BE(at);
    if (size < 8) throw new Error("this writer handles 32-bit box sizes only");
    out.push([file.toString("latin1", at + 4, at + 8), at, size]);
    at += size;
  }
  return out;
}

/**
 * The same MP4 with an HMMT box inside `moov/udta` (a `udta` is added when there is
 * none). The `moov` must be the last box (ffmpeg without +faststart): growing it then
 * moves no sample, so every chunk offset stays right and the clip still plays.
 */
export function withHilights(file: Buffer, ms: number[]): Buffer {
  const boxes = topLevel(file);
  const last = boxes.at(-1)!;
  if (last[0] !== "moov") throw new Error("moov must be the last box (make the clip without -movflags +faststart)");
  const [, moovStart, moovSize] = last;
  const children = file.subarray(moovStart + 8, moovStart + moovSize);
  const parts: Buffer[] = [];
  let added = false;
  for (let at = 0; at + 8 <= children.length;) {
    const size = children.readUInt32BE(at);
    const type = children.toString("latin1", at + 4, at + 8);
    const child = children.subarray(at, at + size);
    if (type === "udta") {
      parts.push(box("udta", Buffer.concat([child.subarray(8), hmmtBox(ms)])));
      added = true;
    } else parts.push(child);
    at += size;
  }
  if (!added) parts.push(box("udta", hmmtBox(ms)));
  return Buffer.concat([file.subarray(0, moovStart), box("moov", Buffer.concat(parts))]);
}
