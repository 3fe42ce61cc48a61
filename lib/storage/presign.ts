// SigV4 query-string presigning for the two URLs the app signs on hot paths: upload part PUTs
// and object GETs. The SDK's getSignedUrl builds a command, runs its middleware stack and derives
// the signing key (four HMACs) on every call; the key only changes once a day per region and
// service, so it is derived once and reused. The output is byte-for-byte the SDK's (see
// test/unit/presign.test.ts). No checksum parameters are signed: the SDK's defaults would add a
// CRC32 of an empty body that S3 then rejects (STACK.md), and our clients run WHEN_REQUIRED.
import { createHash, createHmac } from "node:crypto";

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface PresignTarget {
  /** The endpoint's origin when path-style (local s3rver, custom endpoints); absent for AWS virtual-hosted URLs. */
  endpoint?: string;
  region: string;
  bucket: string;
  key: string;
}

export interface PresignRequest extends PresignTarget {
  method: "GET" | "PUT";
  /** Request parameters of the operation (partNumber, uploadId, response-content-disposition, …), not the X-Amz-* ones. */
  query: Record<string, string | undefined>;
  expiresIn: number;
  credentials: SigningCredentials;
  now?: Date;
}

/** RFC 3986 encoding, as SigV4 and the SDK apply it (encodeURIComponent leaves !'()* alone). */
const uriEscape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const escapePath = (key: string) => key.split("/").map(uriEscape).join("/");

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

// One entry per (secret, day, region, service): a Lambda instance lives hours, not days, and
// the entry for yesterday is simply replaced.
let cachedKey: { id: string; key: Buffer } | null = null;
function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${day}/${region}/${service}/${secret}`;
  if (cachedKey?.id !== id) {
    const kDate = hmac(`AWS4${secret}`, day);
    cachedKey = { id, key: hmac(hmac(hmac(kDate, region), service), "aws4_request") };
  }
  return cachedKey.key;
}

/** Whether the bucket name can be a DNS label in a virtual-hosted https URL (else the SDK goes path-style). */
export const isVirtualHostable = (bucket: string) => /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes("--");

/** A presigned S3 URL, as `getSignedUrl` from @aws-sdk/s3-request-presigner would make it. */
export function presignS3Url(r: PresignRequest): string {
  // The path is built by hand, not through URL: URL would normalise "." and ".." segments of a key.
  const endpoint = r.endpoint ? new URL(r.endpoint) : new URL(`https://${r.bucket}.s3.${r.region}.amazonaws.com`);
  const path = r.endpoint
    ? `${endpoint.pathname.replace(/\/+$/, "")}/${uriEscape(r.bucket)}/${escapePath(r.key)}`
    : `/${escapePath(r.key)}`;
  const now = r.now ?? new Date();
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, ""); // 20261123T040506Z
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${r.region}/s3/aws4_request`;
  const params: [string, string][] = [
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"],
    ["X-Amz-Credential", `${r.credentials.accessKeyId}/${scope}`],
    ["X-Amz-Date", amzDate],
    ["X-Amz-Expires", String(r.expiresIn)],
    ["X-Amz-SignedHeaders", "host"],
  ];
  if (r.credentials.sessionToken) params.push(["X-Amz-Security-Token", r.credentials.sessionToken]);
  for (const [k, v] of Object.entries(r.query)) if (v !== undefined) params.push([k, v]);
  const query = params
    .map(([k, v]) => [uriEscape(k), uriEscape(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalRequest = [r.method, path, query, `host:${endpoint.host}\n`, "host", "UNSIGNED-PAYLOAD"].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonicalRequest, "utf8").digest("hex")].join("\n");
  const signature = createHmac("sha256", signingKey(r.credentials.secretAccessKey, day, r.region, "s3"))
    .update(stringToSign, "utf8")
    .digest("hex");
  // The SDK puts X-Amz-Signature in its sorted place, not at the end.
  const signed = [...query.split("&"), `X-Amz-Signature=${signature}`].sort((a, b) => {
    const [ka, kb] = [a.slice(0, a.indexOf("=")), b.slice(0, b.indexOf("="))];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return `${endpoint.origin}${path}?${signed.join("&")}`;
}
