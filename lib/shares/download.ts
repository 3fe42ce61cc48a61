// A student's download: which video of their session (`?video=`, `&chapter=n`
// for one chapter of a recording), recorded, as a presigned attachment GET.
import { after } from "next/server";
import type { AppContext } from "@/lib/context";
import { ApiError } from "@/lib/http";
import { chapterOriginal } from "@/lib/media/chapters";
import { downloadUrl } from "@/lib/videos";
import { pickVideo, recordShareEvent, type SharedSession } from "./access";

export async function downloadRedirectUrl(ctx: AppContext, shared: SharedSession, query: URLSearchParams): Promise<string> {
  const asked = query.get("video");
  const video = pickVideo(shared, asked);
  if (asked && video.id !== asked) throw new ApiError(404, "No such video in this session.");
  const original = await chapterOriginal(ctx.db, video, query.get("chapter"));
  if (!original) throw new ApiError(404, "No such chapter.");
  // Recorded after the response is sent: tracking never slows the download.
  after(() => recordShareEvent(ctx, shared.share.id, "download", video.id).catch((e) => console.error("[apexshare] download event", e)));
  return downloadUrl(ctx, original);
}
