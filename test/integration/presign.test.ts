// The cached-key presigner must sign exactly what the SDK signs: same URL, byte for byte,
// for the same inputs and clock — path-style (s3rver) and virtual-hosted (AWS), with and
// without a session token (Lambda role credentials carry one).
import { GetObjectCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { presignS3Url, type SigningCredentials } from "@/lib/storage/presign";
import { contentDisposition, Storage } from "@/lib/storage";

const KEYS = [
  "videos/7c0e/GX010043.MP4",
  "videos/a b/ü+%&=?.mp4",
  "videos/x(1)!*'~;:@$,.mp4",
  "videos/./../double//slash.mp4",
  "renditions/日本語/720p.mp4",
];
const STATIC: SigningCredentials = { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const SESSION: SigningCredentials = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s3cr3t/+=", sessionToken: "IQoJb3JpZ2luX2VjE/+=token" };
const TARGETS = [
  { name: "AWS virtual-hosted", region: "eu-west-1", bucket: "apexshare-media", endpoint: undefined },
  { name: "AWS us-east-1", region: "us-east-1", bucket: "apexshare-media", endpoint: undefined },
  { name: "s3rver path-style", region: "us-east-1", bucket: "apexshare-local", endpoint: "http://127.0.0.1:4620" },
];

const sdkClient = (t: (typeof TARGETS)[number], credentials: SigningCredentials) =>
  new S3Client({
    region: t.region,
    endpoint: t.endpoint,
    forcePathStyle: !!t.endpoint,
    credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

describe("cached-key SigV4 presigner", () => {
  // Two dates: the second call on another day must not reuse the first day's key.
  for (const now of [new Date("2026-11-23T04:05:06Z"), new Date("2026-11-24T23:59:59Z")])
    for (const t of TARGETS)
      for (const [credName, credentials] of [
        ["static keys", STATIC],
        ["session token", SESSION],
      ] as const)
        it(`signs upload parts and GETs exactly like the SDK (${t.name}, ${credName}, ${now.toISOString()})`, async () => {
          const client = sdkClient(t, credentials);
          for (const key of KEYS) {
            const part = await getSignedUrl(
              client,
              new UploadPartCommand({ Bucket: t.bucket, Key: key, UploadId: "2~abc/DEF+ghi=", PartNumber: 17 }),
              { expiresIn: 900, signingDate: now },
            );
            expect(
              presignS3Url({
                ...t,
                key,
                method: "PUT",
                query: { partNumber: "17", uploadId: "2~abc/DEF+ghi=", "x-id": "UploadPart" },
                expiresIn: 900,
                credentials,
                now,
              }),
            ).toBe(part);

            const disposition = contentDisposition("Rennstrecke – Runde 1 (ü).MP4");
            const get = await getSignedUrl(
              client,
              new GetObjectCommand({
                Bucket: t.bucket,
                Key: key,
                ResponseContentDisposition: disposition,
                ResponseContentType: "video/mp4",
              }),
              { expiresIn: 3600, signingDate: now },
            );
            expect(
              presignS3Url({
                ...t,
                key,
                method: "GET",
                query: { "response-content-disposition": disposition, "response-content-type": "video/mp4", "x-id": "GetObject" },
                expiresIn: 3600,
                credentials,
                now,
              }),
            ).toBe(get);
          }
        });

  it("Storage signs part and media URLs through it, with the configured endpoint and credentials", async () => {
    const now = new Date("2026-11-23T04:05:06Z");
    const t = TARGETS[2];
    const storage = new Storage({
      region: t.region,
      bucket: t.bucket,
      endpoint: t.endpoint,
      publicEndpoint: t.endpoint,
      forcePathStyle: true,
      credentials: STATIC,
      mediaUrlTtlSeconds: 600,
    } as ConstructorParameters<typeof Storage>[0]);
    const client = sdkClient(t, STATIC);
    expect(await storage.presignPart(KEYS[1], "up-1", 3, 900, now)).toBe(
      await getSignedUrl(client, new UploadPartCommand({ Bucket: t.bucket, Key: KEYS[1], UploadId: "up-1", PartNumber: 3 }), {
        expiresIn: 900,
        signingDate: now,
      }),
    );
    expect(await storage.presignGet(KEYS[0], 600, { downloadName: "Runde 1.mp4", now })).toBe(
      await getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: t.bucket, Key: KEYS[0], ResponseContentDisposition: contentDisposition("Runde 1.mp4") }),
        { expiresIn: 600, signingDate: now },
      ),
    );
  });
});
