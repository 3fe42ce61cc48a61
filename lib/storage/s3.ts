// The only place that speaks to S3 (AWS in production, s3rver locally).
// Video bytes never pass through the app: it only signs URLs and manages
// multipart uploads.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createPresignedPost, type PresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Config } from "@/lib/config";
import { getConfig } from "@/lib/config";
import { cloudFrontSignedUrl } from "./cdn";
import { isVirtualHostable, presignS3Url } from "./presign";

export type StorageConfig = Config["s3"];

function createS3Client(s3: StorageConfig, endpoint = s3.endpoint): S3Client {
  return new S3Client({
    region: s3.region,
    endpoint,
    forcePathStyle: s3.forcePathStyle,
    credentials: s3.credentials,
    // Without these the SDK signs a CRC32 of an empty body into presigned part
    // URLs (S3 then rejects the browser's PUT) — see STACK.md.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export class Storage {
  readonly client: S3Client;
  /** Signs URLs with the host a browser can reach. */
  private readonly signer: S3Client;
  constructor(readonly config: StorageConfig) {
    this.client = createS3Client(config);
    this.signer =
      config.publicEndpoint && config.publicEndpoint !== config.endpoint ? createS3Client(config, config.publicEndpoint) : this.client;
  }

  get bucket() {
    return this.config.bucket;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  presignPut(key: string, expiresIn: number, contentType?: string) {
    return getSignedUrl(this.signer, new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }), { expiresIn });
  }

  /**
   * A browser form upload of one object whose size and type S3 itself enforces: the signed
   * policy allows only this key, `contentType`, and 1…maxBytes bytes (a PUT URL binds neither).
   */
  presignPost(key: string, opts: { contentType: string; maxBytes: number; expiresIn: number }): Promise<PresignedPost> {
    return createPresignedPost(this.signer, {
      Bucket: this.bucket,
      Key: key,
      Fields: { "Content-Type": opts.contentType },
      Conditions: [
        ["content-length-range", 1, opts.maxBytes],
        ["eq", "$Content-Type", opts.contentType],
      ],
      Expires: opts.expiresIn,
    });
  }

  /**
   * Part and media URLs are signed on every sign-part call and page view: they go through the
   * cached-key presigner (lib/storage/presign), which signs what the SDK would. The SDK stays for
   * what that presigner does not cover: virtual-hosted URLs on a custom endpoint or a bucket name
   * that cannot be a host name.
   */
  private async fastSign(method: "GET" | "PUT", key: string, query: Record<string, string | undefined>, expiresIn: number, now?: Date) {
    const endpoint = this.config.publicEndpoint ?? this.config.endpoint;
    const pathStyle = !!endpoint && this.config.forcePathStyle;
    if (!pathStyle && (endpoint || !isVirtualHostable(this.bucket))) return null;
    const credentials = await this.signer.config.credentials();
    return presignS3Url({
      method,
      endpoint: pathStyle ? endpoint : undefined,
      region: this.config.region,
      bucket: this.bucket,
      key,
      query,
      expiresIn,
      credentials,
      now,
    });
  }

  async presignGet(key: string, expiresIn: number, opts: { downloadName?: string; contentType?: string; now?: Date } = {}) {
    const disposition = opts.downloadName ? contentDisposition(opts.downloadName) : undefined;
    const fast = await this.fastSign(
      "GET",
      key,
      { "response-content-disposition": disposition, "response-content-type": opts.contentType, "x-id": "GetObject" },
      expiresIn,
      opts.now,
    );
    if (fast) return fast;
    return getSignedUrl(
      this.signer,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: disposition,
        ResponseContentType: opts.contentType,
      }),
      { expiresIn, signingDate: opts.now },
    );
  }

  /**
   * The URL a viewer's browser gets for an object (stream, download, poster, storyboard,
   * thumbnail): CloudFront-signed when a CDN is configured, else a presigned S3 GET (local
   * s3rver). Both die after `mediaUrlTtlSeconds`; the player asks for fresh ones before then.
   */
  async viewerUrl(key: string, opts: { downloadName?: string; now?: Date } = {}): Promise<string> {
    const ttl = this.config.mediaUrlTtlSeconds;
    if (!this.config.cdn) return this.presignGet(key, ttl, { downloadName: opts.downloadName, now: opts.now });
    // Whole seconds, rounded down: the URL never outlives the TTL (the signer rounds to the nearest second).
    const expiresAt = new Date(Math.floor(((opts.now ?? new Date()).getTime() + ttl * 1000) / 1000) * 1000);
    return cloudFrontSignedUrl(this.config.cdn, key, expiresAt, {
      contentDisposition: opts.downloadName ? contentDisposition(opts.downloadName) : undefined,
    });
  }

  async createMultipart(key: string, contentType: string): Promise<string> {
    const out = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }));
    if (!out.UploadId) throw new Error("S3 returned no UploadId");
    return out.UploadId;
  }

  async presignPart(key: string, uploadId: string, partNumber: number, expiresIn: number, now?: Date) {
    const fast = await this.fastSign("PUT", key, { partNumber: String(partNumber), uploadId, "x-id": "UploadPart" }, expiresIn, now);
    if (fast) return fast;
    return getSignedUrl(this.signer, new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }), {
      expiresIn,
      signingDate: now,
    });
  }

  async completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]) {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      }),
    );
  }

  /** Best effort: s3rver does not implement Abort (STACK.md); the bucket lifecycle rule is the backstop on AWS. */
  async abortMultipart(key: string, uploadId: string) {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 405 || status === 501) return;
      throw err;
    }
  }

  /** Object size in bytes, or null when it does not exist. */
  async headSize(key: string): Promise<number | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.ContentLength ?? null;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return null;
      throw err;
    }
  }

  /** An object's size and stored Content-Type, or null when it does not exist. */
  async headObject(key: string): Promise<{ size: number; contentType: string | null } | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? null };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return null;
      throw err;
    }
  }

  /** Stores a local file by streaming it (renditions are too big to hold in memory; PutObject takes up to 5 GB). */
  async putFile(key: string, file: string, contentType: string) {
    const { size } = await stat(file);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: createReadStream(file), ContentLength: size, ContentType: contentType }),
    );
    return size;
  }

  /** The first bytes of an object (a Range GET), e.g. to recognise a file's container. */
  async readHead(key: string, length: number): Promise<Uint8Array> {
    return (await this.readHeadAndSize(key, length)).head;
  }

  /**
   * The first bytes of an object and its whole size, from one Range GET (the size is in its
   * Content-Range): a completed upload is checked with one request instead of a HEAD and a GET.
   */
  async readHeadAndSize(key: string, length: number): Promise<{ head: Uint8Array; size: number | null }> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${length - 1}` }));
    const head = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    const total = /\/(\d+)$/.exec(out.ContentRange ?? "")?.[1];
    return { head, size: total !== undefined ? Number(total) : (out.ContentLength ?? null) };
  }

  /** A small text object (the sweep's signals, lib/retention/signals), or null when there is none. */
  async getText(key: string): Promise<string | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToString() : "";
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return null;
      throw err;
    }
  }

  async putText(key: string, text: string) {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: text, ContentType: "text/plain; charset=utf-8" }));
  }

  async delete(key: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

/**
 * RFC 6266 Content-Disposition with an ASCII fallback and a UTF-8 filename*:
 * quotes, slashes, control characters and non-ASCII are all made safe.
 */
export function contentDisposition(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() || "video";
  // Control characters, and bidi controls that would make "gpj.exe" read as "exe.jpg".
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the header
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim() || "video";
  const ascii =
    cleaned
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\;]/g, "_")
      .trim() || "video";
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

let storage: Storage | undefined;

export function getStorage(): Storage {
  storage ??= new Storage(getConfig().s3);
  return storage;
}
