import "server-only";
import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { getStorage } from "@/lib/storage";
import type { UploadDeps } from "./service";

export * from "./service";

export async function uploadDeps(): Promise<UploadDeps> {
  const config = getConfig();
  return {
    db: await getDb(),
    storage: getStorage(),
    maxBytes: config.uploads.maxBytes,
    partUrlTtlSeconds: config.uploads.partUrlTtlSeconds,
    retentionDays: config.retentionDays,
    appUrl: config.appUrl,
    secret: config.authSecret,
    minPartSize: config.uploads.minPartBytes,
  };
}
