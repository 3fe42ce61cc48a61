// Route-handler plumbing: parse input once with zod, turn what a user can cause
// into a 4xx with a readable message, and everything else into a logged 5xx
// (a 5xx is a bug, except 503 when a backing service is unreachable).
import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";

/**
 * A refusal the UI can put into the reader's words: a `code` it has a message for and that
 * message's values, answered next to the English `error` (which API clients keep reading).
 */
export interface ErrorCode {
  code: string;
  values?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly coded?: ErrorCode,
  ) {
    super(message);
  }
}

export const notFound = (what = "Not found.") => new ApiError(404, what);

function jsonError(status: number, message: string, headers: Record<string, string> = {}, coded?: ErrorCode) {
  return NextResponse.json({ error: message, ...coded }, { status, headers });
}

const MAX_JSON_BYTES = 64 * 1024;

export interface ParseJsonOptions {
  maxBytes?: number;
  /** Accept any Content-Type (SNS posts JSON as text/plain); only for secret-authenticated server-to-server routes. */
  anyContentType?: boolean;
}

export async function parseJson<S extends z.ZodType>(req: Request, schema: S, opts: number | ParseJsonOptions = {}): Promise<z.infer<S>> {
  const { maxBytes = MAX_JSON_BYTES, anyContentType = false } = typeof opts === "number" ? { maxBytes: opts } : opts;
  const text = await readBodyText(req, maxBytes);
  // A form or text/plain POST is what another page can send without a CORS preflight: JSON only.
  if (text !== "" && !anyContentType && !isJsonContentType(req.headers.get("content-type")))
    throw new ApiError(415, "Send the request body as JSON (Content-Type: application/json).");
  let body: unknown;
  try {
    body = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, "The request body is not valid JSON.");
  }
  return parseInput(schema, body);
}

/**
 * The body as text, refused with 413 as soon as it passes maxBytes. A chunked
 * request has no Content-Length to check up front, so the stream is read chunk by
 * chunk and cancelled at the limit: nothing past it is buffered.
 */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new ApiError(413, `Request body too large (limit ${maxBytes} bytes).`);
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isJsonContentType(value: string | null): boolean {
  return /^application\/json\s*(;|$)/i.test(value?.trim() ?? "");
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError(400, describeZodError(parsed.error));
  return parsed.data;
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

// Network errors, and Postgres' "go away, come back" codes: 57P01 admin shutdown, 57P03 cannot
// connect now (starting up, e.g. an Aurora instance resuming), 08001/08006 connection failures,
// 53300 too many connections.
const UNAVAILABLE_CODES = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "EPIPE"];
const UNAVAILABLE_SQLSTATES = ["57P01", "57P03", "08001", "08006", "53300"];
// node-postgres reports a dropped or timed-out connection without a code; the RDS Data API says
// DatabaseResumingException while a paused Aurora resumes.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|DatabaseResuming/i;

/** True for errors that mean "a backing service is down", answered with 503 + Retry-After. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if ([...UNAVAILABLE_CODES, ...UNAVAILABLE_SQLSTATES].includes(e.code ?? "")) return true;
  if (e.name === "TimeoutError" || e.name === "DatabaseResumingException") return true;
  if (UNAVAILABLE_MESSAGES.test(e.message ?? "")) return true;
  return e.cause ? isUnavailable(e.cause) : false;
}

/** Constant-time check of a shared secret sent as `Bearer <secret>` or bare. */
export function secretMatches(given: string | null | undefined, want: string): boolean {
  const a = Buffer.from(given?.replace(/^Bearer\s+/i, "") ?? "");
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests another page made the browser send. SameSite=Lax
 * cookies still go along from a same-site page (another port, a sibling subdomain),
 * so the cookie alone proves nothing. Browsers set Sec-Fetch-Site and a page cannot
 * forge it; without it (old browsers) the Origin must be the app's own. Requests with
 * neither header are not from a browser page (the cron, curl) and
 * carry no ambient cookie from one.
 */
export function assertSameOrigin(req: Request, appOrigin: string) {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const refused = site ? site !== "same-origin" && site !== "none" : origin !== null && origin !== appOrigin;
  if (refused) throw new ApiError(403, "This request came from another site and was refused.");
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

export function handle<C>(fn: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      assertSameOrigin(req, new URL(getConfig().appUrl).origin);
      return await fn(req, ctx);
    } catch (err) {
      if (err instanceof ApiError) return jsonError(err.status, err.message, err.headers, err.coded);
      if (isUnavailable(err)) return jsonError(503, "A backing service is unavailable. Try again shortly.", { "Retry-After": "5" });
      console.error("[apexshare] unhandled route error", err);
      return jsonError(500, "Something went wrong on our side.");
    }
  };
}
