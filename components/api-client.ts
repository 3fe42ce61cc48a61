// The browser's one way to call the server (and to PUT a presigned object): every
// `fetch` the UI makes goes through here, so a non-2xx answer always becomes an
// ApiError carrying the server's human message, and a dropped connection says so.

export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the request never got an answer (offline, aborted). */
    readonly status: number,
    message: string,
    /** A refusal the UI can word in the reader's language (lib/http ErrorCode), with its message's values. */
    readonly code?: string,
    readonly values?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface RequestOptions {
  /** Sent as a JSON body. */
  json?: unknown;
  /** Sent as is (a presigned POST's form: the browser sets its multipart content type). */
  body?: FormData;
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
    // Our routes answer { error: "…" } (some with a code); anything else (S3's XML, a proxy page) gets a generic message.
    const data = (await res.json().catch(() => ({}))) as { error?: unknown; code?: unknown; values?: Record<string, string | number> };
    const message = typeof data.error === "string" ? data.error : `Request failed (${res.status}).`;
    throw new ApiError(res.status, message, typeof data.code === "string" ? data.code : undefined, data.values);
  }
  return res;
}

/** Calls one of our JSON routes and returns its parsed answer ({} for an empty one). */
export async function apiCall<T = unknown>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  json?: unknown,
  opts: { keepalive?: boolean } = {},
): Promise<T> {
  const res = await send(method, url, { json, keepalive: opts.keepalive });
  return (await res.json().catch(() => ({}))) as T;
}

/** Uploads a file with a presigned POST: the signed policy's fields first, the file last (S3 ignores fields after it). */
export async function postForm(post: { url: string; fields: Record<string, string> }, file: Blob): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append("file", file);
  await send("POST", post.url, { body: form });
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
