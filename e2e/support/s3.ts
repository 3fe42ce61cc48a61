import { createHash } from "node:crypto";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { S3_PORT } from "../../playwright.config";

// An e2e app's local S3 server, read over the real S3 protocol.
const clientFor = (port: number) =>
  new S3Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

export async function storedSha256(key: string, port = S3_PORT): Promise<string> {
  const out = await clientFor(port).send(new GetObjectCommand({ Bucket: "apexshare-local", Key: key }));
  const hash = createHash("sha256");
  for await (const chunk of out.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest("hex");
}

/** The local S3 server's origin, as the browser sees it in presigned URLs. */
export const s3Origin = (port = S3_PORT) => `http://127.0.0.1:${port}`;
export const S3_ORIGIN = s3Origin();
