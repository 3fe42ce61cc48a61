// Where a video's bytes live in the bucket, and the URLs a viewer gets for them.
// Renditions, poster and storyboard keys come from lib/media (the rendition list).
import type { Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { mediaObjectKeys } from "@/lib/media/renditions";
import type { Storage } from "@/lib/storage/s3";

export const videoKeys = {
  original: (videoId: string, extension: string) => `videos/${videoId}/original.${extension}`,
  thumbnail: (videoId: string) => `thumbnails/${videoId}.jpg`,
};

type StoredVideo = Pick<Video, "id" | "objectKey" | "thumbnailKey">;

/** Every object a video has in the bucket: the one list that deletion walks (renditions, poster and storyboard included). */
export function videoObjectKeys(video: StoredVideo): string[] {
  return [video.objectKey, video.thumbnailKey, ...mediaObjectKeys(video.id)].filter((key): key is string => !!key);
}

/**
 * Removes a video's objects (and its unfinished multipart upload). `bestEffort`
 * ignores failed deletes, for cleanup after the row is already gone.
 */
export async function deleteVideoObjects(
  storage: Storage,
  video: StoredVideo & Pick<Video, "status" | "s3UploadId">,
  opts: { bestEffort?: boolean } = {},
) {
  if (video.status === "uploading" && video.s3UploadId) await storage.abortMultipart(video.objectKey, video.s3UploadId);
  for (const key of videoObjectKeys(video)) {
    // Deleting a missing object is not an error in S3.
    const deleted = storage.delete(key);
    await (opts.bestEffort ? deleted.catch(() => {}) : deleted);
  }
}

type Signer = Pick<AppContext, "storage">;

// Every URL a viewer gets comes from storage.viewerUrl(): CloudFront-signed in AWS, a presigned
// S3 GET locally, dead after MEDIA_URL_TTL_SECONDS (≤ 30 minutes; the player re-signs as it plays).

/** Plays in the browser; S3 and CloudFront answer Range requests, so seeking works. */
export function streamUrl({ storage }: Signer, video: Pick<Video, "objectKey">) {
  return storage.viewerUrl(video.objectKey);
}

/** Saves the original under its own file name (a safe Content-Disposition). */
export function downloadUrl({ storage }: Signer, video: Pick<Video, "objectKey" | "originalFileName">) {
  return storage.viewerUrl(video.objectKey, { downloadName: video.originalFileName });
}

/** The poster frame the trainer's browser drew, if it sent one. */
export async function thumbnailUrl({ storage }: Signer, video: Pick<Video, "thumbnailKey">): Promise<string | undefined> {
  return video.thumbnailKey ? storage.viewerUrl(video.thumbnailKey) : undefined;
}
