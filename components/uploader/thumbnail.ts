// The dashboard's thumbnail: one frame of the video, drawn in the browser while the
// upload runs, stored as a small JPEG. Best effort — the upload never waits for it.
import { THUMBNAIL_MAX_BYTES } from "@/lib/uploads/rules";
import { apiCall, postForm } from "../api-client";

const FRAME_TIMEOUT_MS = 10_000;
const THUMBNAIL_WIDTH = 320;

/** Captures a frame of `file` and stores it (with the video's duration) for upload `videoId`. Never throws. */
export async function uploadThumbnail(file: File, videoId: string): Promise<void> {
  try {
    const shot = await grabFrame(file);
    if (!shot.jpeg) return;
    const { upload } = await apiCall<{ upload: { url: string; fields: Record<string, string> } }>(
      "POST",
      `/api/uploads/${videoId}/thumbnail`,
      { durationSeconds: shot.duration },
    );
    // S3 refuses anything but a JPEG of at most THUMBNAIL_MAX_BYTES (the POST policy); don't send what it would refuse.
    if (shot.jpeg.size <= THUMBNAIL_MAX_BYTES) await postForm(upload, shot.jpeg);
  } catch {
    // The browser may not decode this format (e.g. HEVC): no picture, upload unaffected.
  }
}

async function grabFrame(file: File): Promise<{ duration: number | null; jpeg: Blob | null }> {
  const url = URL.createObjectURL(file);
  const video = document.createElement("video");
  video.muted = true;
  video.preload = "metadata";
  video.src = url;
  try {
    await new Promise<void>((resolve, reject) => {
      video.onloadedmetadata = () => resolve();
      video.onerror = () => reject(new Error("cannot decode"));
      setTimeout(() => reject(new Error("timeout")), FRAME_TIMEOUT_MS);
    });
    const duration = Number.isFinite(video.duration) ? video.duration : null;
    video.currentTime = Math.min(1, (duration ?? 0) / 2);
    await new Promise<void>((resolve, reject) => {
      video.onseeked = () => resolve();
      setTimeout(() => reject(new Error("timeout")), FRAME_TIMEOUT_MS);
    });
    const width = THUMBNAIL_WIDTH;
    const height = Math.round((video.videoHeight / Math.max(1, video.videoWidth)) * width) || 180;
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d")!.drawImage(video, 0, 0, width, height);
    const jpeg = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/jpeg", 0.7));
    return { duration, jpeg };
  } catch {
    return { duration: Number.isFinite(video.duration) ? video.duration : null, jpeg: null };
  } finally {
    URL.revokeObjectURL(url);
  }
}
