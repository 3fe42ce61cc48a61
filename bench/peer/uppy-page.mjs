// The peer in the upload benchmark: Uppy 5 (@uppy/core + @uppy/aws-s3) wired to OUR app's endpoints,
// run in the signed-in trainer's tab. bench/upload.mjs bundles this file with esbuild (an IIFE) and
// evaluates it in a page of the app, so the API calls carry the trainer's same-origin cookies.
//
// Pinned to Uppy 5 (package.json: @uppy/core 5.2.0, @uppy/aws-s3 5.1.0): Uppy 6 has a regression that
// sends a file's parts one after the other instead of `limit` at a time (issue #16), which would make
// the comparison meaningless.
//
// How Uppy's AwsS3 options map onto the app's upload API (components/uploader/engine.ts does the same):
//   createMultipartUpload   → POST /api/uploads { fileName, size, contentType, sessionId, … } → { videoId, partSize }
//   signPart                → POST /api/uploads/:id/parts { partNumbers } → presigned PUT URLs (batched, see SIGN_BATCH)
//   (part stored)           → PUT  /api/uploads/:id/parts { parts: [{ partNumber, etag, size }] } (the ledger, batches of 32)
//   completeMultipartUpload → the last ledger batch, then POST /api/uploads/:id/complete (assembles from the ledger)
//   abortMultipartUpload    → DELETE /api/uploads/:id
//   listParts               → only used by Uppy to resume; the app resumes from its ledger, not S3 ListParts (s3rver lacks it)
// Like the upload page, one run first makes the riding session (POST /api/sessions) and announces it
// afterwards (DELETE /api/sessions/:id/upload).
//
// Reports through window.__benchReport(kind, text), the binding the benchmark exposes:
//   ("state", "preparing" | "uploading" | "completing"), then ("done", "") or ("error", message).
import { partSizeFor } from "../../lib/uploads/part-size.ts";
import AwsS3 from "@uppy/aws-s3";
import Uppy from "@uppy/core";

// The server's part-size rule itself (the default floor): Uppy cuts the file before it creates the
// upload, so the client must know it; the server's answer is checked.
// Uppy asks for one part URL at a time; like our engine (SIGN_BATCH), sign a batch per request so the
// server does the same work for both and the comparison is about the two clients.
const SIGN_BATCH = 64;
const RECORD_BATCH = 32;

async function api(method, url, json) {
  const res = await fetch(url, {
    method,
    headers: json === undefined ? undefined : { "content-type": "application/json" },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${await res.text().catch(() => "")}`);
  return res.json().catch(() => ({}));
}

/**
 * Uploads `file` with Uppy; resolves when the app has completed the upload (and announced the session).
 * `concurrency` is Uppy's `limit` (requests in flight: part PUTs and sign calls).
 */
async function run(file, { concurrency, student }) {
  const report = (kind, text = "") => window.__benchReport?.(kind, text);
  report("state", "preparing");
  const today = new Date().toISOString().slice(0, 10);
  const session = await api("POST", "/api/sessions", {
    title: `Uppy peer ${file.name}`,
    sessionDate: today,
    students: [{ email: student }],
  });

  const partSize = partSizeFor(file.size);
  const partLength = (n) => Math.min(partSize, file.size - (n - 1) * partSize);
  const partCount = Math.ceil(file.size / partSize);
  let videoId = null;
  const urls = new Map(); // partNumber → Promise<url>
  let unrecorded = [];
  let recording = Promise.resolve();
  const flush = () => {
    const parts = unrecorded;
    unrecorded = [];
    if (parts.length) recording = recording.then(() => api("PUT", `/api/uploads/${videoId}/parts`, { parts }));
    return recording;
  };

  const uppy = new Uppy({ autoProceed: false, allowMultipleUploadBatches: false });
  uppy.use(AwsS3, {
    shouldUseMultipart: true,
    limit: concurrency,
    getChunkSize: () => partSize,
    async createMultipartUpload(f) {
      const state = await api("POST", "/api/uploads", {
        fileName: f.name,
        size: f.size,
        contentType: f.type,
        lastModified: f.data.lastModified,
        title: f.name,
        sessionId: session.id,
      });
      if (state.partSize !== partSize) throw new Error(`the server cut ${state.partSize}-byte parts, the page ${partSize}`);
      videoId = state.videoId;
      report("state", "uploading");
      return { uploadId: state.videoId, key: state.videoId };
    },
    async signPart(_f, { uploadId, partNumber }) {
      if (!urls.has(partNumber)) {
        const batch = [];
        for (let n = partNumber; n <= partCount && batch.length < SIGN_BATCH; n++) if (!urls.has(n)) batch.push(n);
        const signed = api("POST", `/api/uploads/${uploadId}/parts`, { partNumbers: batch });
        for (const n of batch)
          urls.set(
            n,
            signed.then((r) => r.parts.find((p) => p.partNumber === n).url),
          );
      }
      return { method: "PUT", url: await urls.get(partNumber) };
    },
    async listParts() {
      return []; // a fresh upload: nothing to resume (the app's resume reads its ledger)
    },
    async abortMultipartUpload(_f, { uploadId }) {
      await api("DELETE", `/api/uploads/${uploadId}`);
    },
    async completeMultipartUpload(_f, { uploadId }) {
      await flush();
      report("state", "completing");
      await api("POST", `/api/uploads/${uploadId}/complete`);
      return {};
    },
  });
  uppy.on("s3-multipart:part-uploaded", (_f, part) => {
    unrecorded.push({ partNumber: part.PartNumber, etag: part.ETag, size: partLength(part.PartNumber) });
    if (unrecorded.length >= RECORD_BATCH) void flush();
  });
  uppy.addFile({ name: file.name, type: file.type, data: file, source: "bench" });
  const result = await uppy.upload();
  const failed = result?.failed ?? [];
  uppy.destroy();
  if (failed.length || !videoId) throw new Error(`Uppy: ${failed.map((f) => f.error).join("; ") || "no upload"}`);
  window.__bench.doneAt = performance.now();
  report("done");
  await api("DELETE", `/api/sessions/${session.id}/upload`).catch(() => {});
}

window.__uppyPeer = {
  version: `@uppy/core ${Uppy.VERSION} + @uppy/aws-s3 ${AwsS3.VERSION}`,
  /**
   * Starts the upload of the file picked in `input` (a CSS selector); the result comes through __benchReport.
   * window.__bench gets the start (clickAt) and the moment the app has completed the upload (doneAt).
   */
  start(selector, opts) {
    window.__bench = { clickAt: performance.now(), doneAt: null };
    const file = document.querySelector(selector)?.files?.[0];
    if (!file) return window.__benchReport?.("error", `no file in ${selector}`);
    run(file, opts).catch((e) => window.__benchReport?.("error", String(e?.stack ?? e)));
  },
};
