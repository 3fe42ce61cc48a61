// The URLs a viewer gets: CloudFront-signed when the media CDN is configured (the real
// @aws-sdk/cloudfront-signer, checked here with the public key the way CloudFront checks it),
// presigned S3 GETs otherwise, all short-lived; settings and the Content-Security-Policy.
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Video } from "@/db/schema";
import { ConfigError, mediaCdnOrigin, resolveConfig } from "@/lib/config";
import { contentSecurityPolicy } from "@/lib/security/headers";
import { Storage } from "@/lib/storage/s3";
import { downloadUrl, playbackFor } from "@/lib/videos";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const CDN = { url: "https://d111111abcdef8.cloudfront.net", keyPairId: "K2JCJMDEHXQW5F", privateKey: PRIVATE_PEM };
const base = { APP_URL: "http://localhost:3000", AUTH_SECRET: "x".repeat(40), CRON_SECRET: "c".repeat(20) };

const cdnStorage = (ttl = 900) =>
  new Storage({ bucket: "apex-videos", region: "us-east-1", forcePathStyle: false, mediaUrlTtlSeconds: ttl, cdn: CDN });

/**
 * What CloudFront does with a signed URL (canned policy, "Key-Pair-Id" of a key in the
 * distribution's trusted key group): strip its three parameters, rebuild the policy from the
 * rest of the URL and Expires, verify the RSA-SHA1 signature with the public key, refuse once
 * Expires has passed. A stand-in for the edge, which cannot run here.
 */
function cloudFrontAccepts(signedUrl: string, now: Date, key = publicKey): boolean {
  const at = signedUrl.search(/[?&]Expires=/);
  const resource = signedUrl.slice(0, at);
  const params = new URL(signedUrl).searchParams;
  const expires = Number(params.get("Expires"));
  if (params.get("Key-Pair-Id") !== CDN.keyPairId) return false;
  const policy = `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${expires}}}}]}`;
  const signature = Buffer.from(params.get("Signature")!.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");
  return verify("RSA-SHA1", Buffer.from(policy), key, signature) && now.getTime() / 1000 < expires;
}

describe("CloudFront signed URLs (the media CDN)", () => {
  it("sign one object until an instant; the public key verifies it until then, and not after", async () => {
    const now = new Date();
    const url = await cdnStorage().viewerUrl("videos/abc/720p.mp4", { now });
    const u = new URL(url);
    expect(u.origin).toBe(CDN.url);
    expect(u.pathname).toBe("/videos/abc/720p.mp4");
    expect(Number(u.searchParams.get("Expires"))).toBe(Math.floor(now.getTime() / 1000) + 900);
    expect(u.searchParams.has("X-Amz-Signature")).toBe(false); // not an S3 URL: the bucket is reached only through CloudFront

    expect(cloudFrontAccepts(url, now)).toBe(true);
    expect(cloudFrontAccepts(url, new Date(now.getTime() + 899_000))).toBe(true);
    expect(cloudFrontAccepts(url, new Date(now.getTime() + 900_000))).toBe(false);
    // Another object, or another key pair's public key: refused.
    expect(cloudFrontAccepts(url.replace("720p.mp4", "original.mp4"), now)).toBe(false);
    expect(cloudFrontAccepts(url, now, createPublicKey(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey))).toBe(false);
  });

  it("a download URL carries S3's Content-Disposition override inside what is signed", async () => {
    const now = new Date();
    const storage = cdnStorage();
    const url = await downloadUrl({ storage }, { objectKey: "videos/abc/original.mp4", originalFileName: 'Track "day" 1.MP4' });
    const disposition = new URL(url).searchParams.get("response-content-disposition");
    expect(disposition).toBe(`attachment; filename="Track _day_ 1.MP4"; filename*=UTF-8''Track%20%22day%22%201.MP4`);
    expect(url).not.toContain("+"); // %20: S3 must read back exactly this header
    expect(cloudFrontAccepts(url, now)).toBe(true);
    // Swapping the file name (or dropping the override) breaks the signature.
    expect(cloudFrontAccepts(url.replace("filename%3D%22Track", "filename%3D%22Evil"), now)).toBe(false);
  });
});

describe("a viewer's playback", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    const h = await startHarness({});
    t = h.t;
    return h.close;
  });

  it("through the CDN: every URL (original, renditions, poster, storyboard) is CloudFront-signed and short-lived", async () => {
    const video = {
      id: "00000000-0000-4000-8000-000000000001",
      objectKey: "videos/v1/original.mp4",
      contentType: "video/mp4",
      probe: null,
      durationSeconds: 12,
      chapterCount: 1,
      posterKey: "videos/v1/poster.jpg",
      thumbnailKey: null,
      renditions: [{ name: "720p", key: "videos/v1/720p.mp4", width: 1280, height: 720, bytes: 1 }],
      storyboard: { imageKey: "videos/v1/storyboard.jpg", interval: 2, tiles: 6, columns: 6, tileWidth: 160, tileHeight: 90 },
    } as unknown as Video;
    const now = new Date();
    const playback = await playbackFor({ db: t.db, storage: cdnStorage(600) }, video);
    const urls = [playback.original.url, playback.poster!, playback.storyboard!.url, ...playback.renditions.map((r) => r.url)];
    expect(urls).toHaveLength(4);
    for (const url of urls) {
      expect(new URL(url).origin).toBe(CDN.url);
      expect(cloudFrontAccepts(url, now)).toBe(true);
      expect(cloudFrontAccepts(url, new Date(now.getTime() + 601_000))).toBe(false);
    }
    expect(playback.urlsExpireInSeconds).toBe(600);
  });

  it("locally (no CDN): presigned S3 GETs that live MEDIA_URL_TTL_SECONDS", async () => {
    const config = resolveConfig({ ...base, MEDIA_URL_TTL_SECONDS: "300" });
    const storage = new Storage(config.s3);
    const url = new URL(await storage.viewerUrl("videos/v1/720p.mp4"));
    expect(url.origin).toBe("http://127.0.0.1:4569");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
  });
});

describe("settings", () => {
  it("media URLs live 15 minutes by default and never more than 30", () => {
    expect(resolveConfig(base).s3.mediaUrlTtlSeconds).toBe(900);
    expect(() => resolveConfig({ ...base, MEDIA_URL_TTL_SECONDS: "14400" })).toThrow(/MEDIA_URL_TTL_SECONDS: must be at most 1800/);
  });

  it("the CDN comes from the linked MediaCdn (or MEDIA_CDN_*), all three settings or none", () => {
    const linked = resolveConfig(base, { MediaCdn: { ...CDN } });
    expect(linked.s3.cdn).toEqual(CDN);
    expect(mediaCdnOrigin(linked.s3)).toBe(CDN.url);
    const fromEnv = resolveConfig({
      ...base,
      MEDIA_CDN_URL: CDN.url,
      MEDIA_CDN_KEY_PAIR_ID: CDN.keyPairId,
      MEDIA_CDN_PRIVATE_KEY: PRIVATE_PEM.replace(/\n/g, "\\n"), // one-line env form
    });
    expect(fromEnv.s3.cdn?.privateKey).toBe(PRIVATE_PEM);
    expect(resolveConfig(base).s3.cdn).toBeUndefined();
    let error: unknown;
    try {
      resolveConfig({ ...base, MEDIA_CDN_URL: CDN.url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/MEDIA_CDN_KEY_PAIR_ID \(or the linked MediaCdn\): is required/);
    expect(String(error)).toMatch(/MEDIA_CDN_PRIVATE_KEY \(or the linked MediaCdn\): is required/);
  });

  it("the Content-Security-Policy lets pages play, show and fetch from the CDN", () => {
    const csp = contentSecurityPolicy({
      nonce: "n",
      s3Origin: "https://b.s3.us-east-1.amazonaws.com",
      cdnOrigin: CDN.url,
      isProduction: true,
      isDev: false,
    });
    for (const directive of ["media-src", "img-src", "connect-src"]) {
      const line = csp.split("; ").find((d) => d.startsWith(`${directive} `))!;
      expect(line.split(" ")).toEqual(expect.arrayContaining([CDN.url, "https://b.s3.us-east-1.amazonaws.com"]));
    }
    expect(contentSecurityPolicy({ nonce: "n", s3Origin: "http://127.0.0.1:4569", isProduction: false, isDev: false })).not.toContain(
      "cloudfront",
    );
  });
});
