import "server-only";
// Hands due media jobs to the configured engine. Locally the worker in the dev
// server picks ffmpeg jobs up by itself; in AWS this submits MediaConvert jobs,
// right after an upload completes and again on every sweep (a lost submit is retried).
import type { AppContext } from "@/lib/context";
import { dispatchMediaConvertJobs, mediaConvertClient } from "./mediaconvert";
import { mediaSettings } from "./settings";

let client: ReturnType<typeof mediaConvertClient> | undefined;

export async function dispatchMediaJobs(ctx: AppContext): Promise<{ submitted: number }> {
  const settings = mediaSettings();
  if (settings.engine !== "mediaconvert") return { submitted: 0 };
  client ??= mediaConvertClient(settings);
  return dispatchMediaConvertJobs(ctx, client, settings);
}
