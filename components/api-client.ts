// The browser's one way to call the server (and to PUT a presigned object): every
// `fetch` the UI makes goes through here, so a non-2xx answer always becomes an
// ApiError carrying the server's human message, and a dropped connection says so.

export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the request never got an answer (offline, aborted). */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface RequestOptions {
  /** Sent as a JSON body. */
  json?: unknown;
  /** Sent as is (e.g. an image for a presigned PUT). */
  body?: Blob;
  contentType?: string;
  /** Lets the request outlive the page (reload, tab closed). */
  keepalive?: boolean;
}

async function send(method: string, url: string, opts: RequestOptions): Promise<Response> {
  const body = opts.json === undefined ? opts.body : JSON.stringify(opts.json);
  const contentType = opts.json === undefined ? opts.contentType : "application/json";
  let res: Response;
  try {
    res = await fetch(url, { method, body, keepalive: opts.keepalive, headers: contentType ? { "content-type": contentType } : undefined });
  } catch {
    throw new ApiError(0, "Network error — check your connection.");
  }
  if (!res.ok) {
    // Our routes answer { error: "…" }; anything else (S3's XML, a proxy page) gets a generic message.
    const data = (await res.json().catch(() => ({}))) as { error?: unknown };
    throw new ApiError(res.status, typeof data.error === "string" ? data.error : `Request failed (${res.status}).`);
  }
  return res;
}

/** Calls one of our JSON routes and returns its parsed answer ({} for an empty one). */
export async function apiCall<T = unknown>(
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  json?: unknown,
  opts: { keepalive?: boolean } = {},
): Promise<T> {
  const res = await send(method, url, { json, keepalive: opts.keepalive });
  return (await res.json().catch(() => ({}))) as T;
}

/** PUTs a blob to a presigned storage URL. */
export async function putBlob(url: string, blob: Blob, contentType: string): Promise<void> {
  await send("PUT", url, { body: blob, contentType });
}

/**
 * Reports an event that must never delay the page or be lost to a navigation: a beacon
 * where the browser has one, else a keepalive POST. Best effort: failures are dropped.
 */
export function sendEvent(url: string, json: unknown): void {
  const body = JSON.stringify(json);
  if (navigator.sendBeacon?.(url, new Blob([body], { type: "application/json" }))) return;
  void send("POST", url, { json, keepalive: true }).catch(() => {});
}
