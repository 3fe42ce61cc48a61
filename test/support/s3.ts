// The real local S3 server (s3rver) on a free loopback port, in a temp dir.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalS3 } from "@/scripts/local-s3.mjs";
import { Storage } from "@/lib/storage/s3";

export interface TestS3 {
  endpoint: string;
  storage: Storage;
  close(): Promise<void>;
}

export async function startTestS3(origins = ["http://127.0.0.1:3999"]): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), "apex-s3-"));
  const s3 = await startLocalS3({ port: 0, bucket: "apex-test", directory, origins });
  const storage = new Storage({
    bucket: "apex-test",
    region: "us-east-1",
    endpoint: s3.endpoint,
    publicEndpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    mediaUrlTtlSeconds: 900,
  });
  return {
    endpoint: s3.endpoint,
    storage,
    async close() {
      await s3.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** What a browser's form upload does with a presigned POST: the policy's fields, then the file. */
export async function postToStorage(
  post: { url: string; fields: Record<string, string> },
  body: Uint8Array,
  overrides: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...post.fields, ...overrides })) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(body)], { type: overrides["Content-Type"] ?? post.fields["Content-Type"] }));
  return fetch(post.url, { method: "POST", body: form });
}
