// The browser side of an upload: sends parts of a File straight to S3 with
// presigned URLs, N at a time, and records each in the server's ledger.
// - Resumable: finished parts live in the server's ledger, so after a reload or
//   a browser restart the same file (recognised by a fingerprint) sends only
//   the parts that are missing.
// - Robust: failed parts retry with exponential backoff; an expired URL is
//   re-signed; going offline pauses until the browser is back online.
// - Flat memory: File.slice() is lazy, so a 10 GB file never sits in memory.
import { ApiError, apiCall } from "../api-client";
import { describeUploadFailure, type UploadMessage } from "./errors";
import { uploadThumbnail } from "./thumbnail";

export interface UploadMeta {
  title: string;
  /** The riding session the file joins (its students, date and notes live there). */
  sessionId: string;
  /** One chapter of a GoPro recording uploaded as one video. */
  recording?: { recordingKey: string; chapter: number; chapterCount: number };
}

export type JobState = "queued" | "preparing" | "uploading" | "paused" | "completing" | "done" | "error" | "canceled";

export interface JobSnapshot {
  key: string;
  fileName: string;
  size: number;
  state: JobState;
  sentBytes: number;
  bytesPerSecond: number;
  secondsLeft: number | null;
  partsDone: number;
  partCount: number;
  resumed: boolean;
  videoId?: string;
  /** Why it failed, put into words where it is shown (uploadMessageText). */
  error?: UploadMessage;
  /** False when Retry cannot help (the server refused the file or the upload is gone). */
  canRetry: boolean;
  /** Uploading but the network is gone (the browser says offline, or requests fail without an answer): waiting, not failing. */
  offline: boolean;
}

interface PartUrl {
  url: string;
  expiresAt: number;
}

const MiB = 1024 * 1024;
const RESIGN_MARGIN_MS = 60_000;
// Each request costs the server a session check and a database round trip whatever its size; a URL
// costs ~0.05 ms to sign (lib/storage/presign). Batches of 64 / 32 halve the calls per GiB (8 MiB
// parts: 2 sign + 4 record calls instead of 4 + 8; files from 1 GiB get 16 MiB parts, lib/uploads/part-size:
// one sign call per GiB), and 64 URLs are used well inside their 15-minute life.
const SIGN_BATCH = 64;
const RECORD_BATCH = 32; // stored parts reported to the ledger per request
// …or after this long, whichever comes first: at most this much of the upload is sent again after a crash.
// At 80–100 MB/s a 4 s window makes 2–3 record calls per GiB (a 2 s one made 4–5).
const RECORD_DELAY_MS = 4000;
const MAX_PART_ATTEMPTS = 10;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 30_000;

/**
 * How long to wait before retry number `attempt` (1, 2, …): exponential from 0.5 s, capped
 * at 30 s, with ±50 % jitter so many parts (or tabs) that failed together do not retry together.
 */
export function retryBackoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (attempt - 1)) * (0.5 + Math.random());
}

export async function fingerprintFile(file: File): Promise<string> {
  const head = file.slice(0, Math.min(MiB, file.size));
  const tail = file.slice(Math.max(0, file.size - MiB));
  const bytes = new Uint8Array(await new Blob([head, tail]).arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${file.name}|${file.size}|${file.lastModified}|${hex}`;
}

/** Waits `ms`, or less: an abort or the network coming back ends the wait (a retry after "online" should not sit out its backoff). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => (clearTimeout(t), window.removeEventListener("online", done), resolve());
    const t = setTimeout(done, ms);
    window.addEventListener("online", done);
    signal?.addEventListener("abort", done, { once: true });
  });

const isOffline = () => typeof navigator !== "undefined" && !navigator.onLine;
const noAnswer = (err: unknown) => !(err instanceof ApiError) || err.status === 0;

/** True for failures worth retrying: network, timeouts, throttling, server errors. */
const retryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

export class UploadJob {
  readonly key = crypto.randomUUID();
  state: JobState = "queued";
  error?: UploadMessage;
  canRetry = true;
  /** A request failed without an answer and none has succeeded since. */
  private networkLost = false;
  videoId?: string;
  partSize = 0;
  partCount = 0;
  resumed = false;
  private done = new Map<number, number>(); // partNumber → bytes
  private inflight = new Map<number, { xhr: XMLHttpRequest; loaded: number }>();
  private urls = new Map<number, PartUrl>();
  private signing = new Map<number, Promise<void>>(); // part → the sign request that covers it
  private unrecorded: { partNumber: number; etag: string; size: number }[] = [];
  private recordTimer: ReturnType<typeof setTimeout> | null = null;
  private recording: Promise<void> = Promise.resolve();
  private pauseController = new AbortController();
  private speed = 0;
  private lastSample = { at: 0, bytes: 0 };

  private readonly onPageHide = () => this.flushBeforeUnload();

  constructor(
    readonly file: File,
    readonly meta: UploadMeta,
    private readonly opts: { concurrency: number; onChange: () => void },
  ) {
    if (typeof window !== "undefined") window.addEventListener("pagehide", this.onPageHide);
  }

  get sentBytes() {
    let n = 0;
    for (const b of this.done.values()) n += b;
    for (const f of this.inflight.values()) n += f.loaded;
    return Math.min(n, this.file.size);
  }

  snapshot(): JobSnapshot {
    const now = performance.now();
    const sent = this.sentBytes;
    const offline = this.state === "uploading" && (isOffline() || this.networkLost);
    // Offline, the rate is not sampled: the speed (and so the time left) stays what it was instead of sinking towards 0.
    if (this.state === "uploading" && !offline) {
      if (this.lastSample.at === 0) this.lastSample = { at: now, bytes: sent };
      else if (now - this.lastSample.at >= 1000) {
        const rate = ((sent - this.lastSample.bytes) * 1000) / (now - this.lastSample.at);
        this.speed = this.speed === 0 ? rate : 0.7 * this.speed + 0.3 * rate;
        this.lastSample = { at: now, bytes: sent };
      }
    } else {
      this.lastSample = { at: 0, bytes: 0 };
    }
    return {
      key: this.key,
      fileName: this.file.name,
      size: this.file.size,
      state: this.state,
      sentBytes: sent,
      bytesPerSecond: this.state === "uploading" && !offline ? Math.max(0, this.speed) : 0,
      secondsLeft: this.state === "uploading" && !offline && this.speed > 0 ? (this.file.size - sent) / this.speed : null,
      partsDone: this.done.size,
      partCount: this.partCount,
      resumed: this.resumed,
      videoId: this.videoId,
      error: this.error,
      canRetry: this.canRetry,
      offline,
    };
  }

  private set(state: JobState, error?: UploadMessage) {
    this.state = state;
    this.error = error;
    // A finished job has nothing left for the ledger: stop listening (a failed one may still be retried).
    if ((state === "done" || state === "canceled") && typeof window !== "undefined")
      window.removeEventListener("pagehide", this.onPageHide);
    this.opts.onChange();
  }

  pause() {
    if (this.state !== "uploading" && this.state !== "preparing") return;
    this.set("paused");
    this.pauseController.abort();
    for (const f of this.inflight.values()) f.xhr.abort();
  }

  resume() {
    if (this.state !== "paused" && !(this.state === "error" && this.canRetry)) return;
    this.pauseController = new AbortController();
    void this.run();
  }

  async cancel() {
    const wasActive = this.state !== "done" && this.state !== "canceled";
    this.pauseController.abort();
    for (const f of this.inflight.values()) f.xhr.abort();
    this.set("canceled");
    if (wasActive && this.videoId) await apiCall("DELETE", `/api/uploads/${this.videoId}`).catch(() => {});
  }

  /** Runs (or continues) the upload until done, paused, canceled or failed. */
  async run(): Promise<void> {
    const signal = this.pauseController.signal;
    try {
      if (!this.videoId) {
        this.set("preparing");
        const fingerprint = await fingerprintFile(this.file);
        const state = await this.answered(
          () =>
            apiCall<{
              videoId: string;
              partSize: number;
              partCount: number;
              uploadedParts: { partNumber: number; size: number }[];
              resumed: boolean;
            }>("POST", "/api/uploads", {
              fileName: this.file.name,
              size: this.file.size,
              contentType: this.file.type,
              lastModified: this.file.lastModified,
              fingerprint,
              ...this.meta,
            }),
          signal,
        );
        if (signal.aborted) return;
        this.videoId = state.videoId;
        this.partSize = state.partSize;
        this.partCount = state.partCount;
        this.resumed = state.resumed;
        for (const p of state.uploadedParts) this.done.set(p.partNumber, p.size);
        void uploadThumbnail(this.file, state.videoId);
      }
      this.set("uploading");
      await this.sendMissingParts(signal);
      await this.flushRecords();
      if (signal.aborted) return;
      this.set("completing");
      await this.answered(() => apiCall("POST", `/api/uploads/${this.videoId}/complete`), signal);
      this.set("done");
    } catch (err) {
      if (signal.aborted || this.state === "paused" || this.state === "canceled") return;
      const failure = describeUploadFailure(err);
      this.canRetry = failure.canRetry;
      this.set("error", failure.message);
    }
  }

  /** Calls the app; while the network is gone (offline, or no answer) waits for it instead of failing the upload. */
  private async answered<T>(call: () => Promise<T>, signal: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await call();
        this.setNetworkLost(false);
        return out;
      } catch (err) {
        if (signal.aborted || !noAnswer(err)) throw err;
        if (isOffline())
          attempt = 0; // time offline does not use up attempts
        else if (attempt >= MAX_PART_ATTEMPTS) throw err;
        this.setNetworkLost(true);
        if (isOffline()) await waitForOnline(signal);
        else await sleep(retryBackoffMs(attempt), signal);
      }
    }
  }

  private setNetworkLost(lost: boolean) {
    if (this.networkLost === lost) return;
    this.networkLost = lost;
    this.opts.onChange();
  }

  private missingParts(): number[] {
    const out: number[] = [];
    for (let n = 1; n <= this.partCount; n++) if (!this.done.has(n)) out.push(n);
    return out;
  }

  private async sendMissingParts(signal: AbortSignal) {
    const queue = this.missingParts();
    const worker = async () => {
      while (queue.length && !signal.aborted) {
        const n = queue.shift()!;
        await this.sendPart(n, queue, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.opts.concurrency) }, worker));
  }

  private async urlFor(n: number, upcoming: number[]): Promise<string> {
    for (;;) {
      const cached = this.urls.get(n);
      if (cached && cached.expiresAt - Date.now() > RESIGN_MARGIN_MS) return cached.url;
      const pending = this.signing.get(n);
      if (pending) {
        await pending; // another worker is already signing this part
        if (this.urls.has(n) && this.urls.get(n) !== cached) continue;
      }
      // Sign this part plus the next few in one request; one request at a time per part.
      const fresh = (p: number) => !this.urls.has(p) && !this.signing.has(p);
      const batch = [n, ...upcoming.filter((p) => p !== n && fresh(p)).slice(0, SIGN_BATCH - 1)];
      const request = (async () => {
        const res = await apiCall<{ parts: { partNumber: number; url: string }[]; expiresAt: string }>(
          "POST",
          `/api/uploads/${this.videoId}/parts`,
          { partNumbers: batch },
        );
        // Our clock may differ from the server's: trust the TTL, not the timestamp.
        const ttl = Math.max(0, Date.parse(res.expiresAt) - Date.now());
        const expiresAt = Date.now() + Math.min(ttl, 15 * 60_000);
        for (const p of res.parts) this.urls.set(p.partNumber, { url: p.url, expiresAt });
      })();
      for (const p of batch) this.signing.set(p, request);
      try {
        await request;
      } finally {
        for (const p of batch) if (this.signing.get(p) === request) this.signing.delete(p);
      }
      return this.urls.get(n)!.url;
    }
  }

  /**
   * When the page goes away (reload, tab closed), hand the queued ledger entries to
   * the browser to deliver, so a resume does not re-send parts S3 already has.
   */
  flushBeforeUnload() {
    const parts = this.unrecorded.splice(0);
    if (!parts.length || !this.videoId) return;
    void apiCall("PUT", `/api/uploads/${this.videoId}/parts`, { parts }, { keepalive: true }).catch(() => {});
  }

  /** Queues a stored part for the ledger; sent in batches, off the upload's critical path. */
  private record(partNumber: number, etag: string, size: number) {
    this.unrecorded.push({ partNumber, etag, size });
    if (this.unrecorded.length >= RECORD_BATCH) void this.flushRecords().catch(() => {});
    else this.recordTimer ??= setTimeout(() => void this.flushRecords().catch(() => {}), RECORD_DELAY_MS);
  }

  /** Sends every queued ledger entry; resolves when the server has them (retries transient failures). */
  private flushRecords(): Promise<void> {
    if (this.recordTimer) clearTimeout(this.recordTimer);
    this.recordTimer = null;
    const parts = this.unrecorded.splice(0);
    const send = async () => {
      if (!parts.length) return;
      for (let attempt = 1; ; attempt++) {
        try {
          await apiCall("PUT", `/api/uploads/${this.videoId}/parts`, { parts });
          return;
        } catch (err) {
          const status = err instanceof ApiError ? err.status : 0;
          if (status === 0 && isOffline()) {
            await waitForOnline(); // the ledger waits for the network; offline time does not use up attempts
            attempt = 0;
            continue;
          }
          if (!retryable(status) || attempt >= MAX_PART_ATTEMPTS) {
            for (const p of parts) this.done.delete(p.partNumber); // not in the ledger: send again
            throw err;
          }
          await sleep(retryBackoffMs(attempt));
        }
      }
    };
    this.recording = this.recording.then(send, send);
    return this.recording;
  }

  private async sendPart(n: number, upcoming: number[], signal: AbortSignal) {
    const start = (n - 1) * this.partSize;
    const blob = this.file.slice(start, Math.min(start + this.partSize, this.file.size));
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        if (!navigator.onLine) await waitForOnline(signal);
        const url = await this.urlFor(n, upcoming);
        const etag = await this.put(n, url, blob);
        this.done.set(n, blob.size);
        this.record(n, etag, blob.size);
        this.setNetworkLost(false);
        this.opts.onChange();
        return;
      } catch (err) {
        this.inflight.delete(n);
        if (signal.aborted) return;
        const status = err instanceof ApiError ? err.status : 0;
        if (status === 0) this.setNetworkLost(true);
        if (status === 0 && isOffline()) {
          attempt = 0; // waits for "online" at the top of the loop; offline time does not use up attempts
          continue;
        }
        // An expired or rejected URL (403) is signed again; anything else retries only when transient.
        if (status === 403) this.urls.delete(n);
        else if (!retryable(status)) throw err;
        if (attempt >= MAX_PART_ATTEMPTS) throw err; // the last failure says what went wrong (describeUploadFailure)
        await sleep(status === 403 ? 0 : retryBackoffMs(attempt), signal);
      }
    }
  }

  private put(n: number, url: string, blob: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      this.inflight.set(n, { xhr, loaded: 0 });
      xhr.open("PUT", url);
      xhr.upload.onprogress = (e) => {
        const f = this.inflight.get(n);
        if (f) f.loaded = e.loaded;
        this.opts.onChange();
      };
      xhr.onload = () => {
        this.inflight.delete(n);
        if (xhr.status >= 200 && xhr.status < 300) {
          const etag = xhr.getResponseHeader("ETag");
          if (!etag) reject(new ApiError(500, "Storage did not return an ETag (CORS must expose it)."));
          else resolve(etag);
        } else reject(new ApiError(xhr.status, `Storage answered ${xhr.status} for part ${n}.`));
      };
      xhr.onerror = () => (this.inflight.delete(n), reject(new ApiError(0, "Network error while sending a part.")));
      xhr.onabort = () => (this.inflight.delete(n), reject(new ApiError(0, "Part upload aborted.")));
      xhr.send(blob);
    });
  }
}

function waitForOnline(signal?: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (!isOffline()) return resolve();
    const done = () => (window.removeEventListener("online", done), resolve());
    window.addEventListener("online", done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
