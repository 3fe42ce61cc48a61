import "server-only";
import { getConfig } from "@/lib/config";
import type { ShareContext } from "./create";

export * from "./access";
export * from "./manage";
export * from "./status";
export { shareUrl } from "./create";

export function shareContext(): ShareContext {
  const c = getConfig();
  return { appUrl: c.appUrl, secret: c.authSecret };
}

/** Lifetime of the presigned URLs a share page hands out (stream and download). */
export const MEDIA_URL_TTL_SECONDS = 4 * 3600;
