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

/** Lifetime of the presigned URLs a viewer gets (stream and download): long enough to watch a session. */
export const MEDIA_URL_TTL_SECONDS = 4 * 3600;
const THUMBNAIL_URL_TTL_SECONDS = 3600;

type Signer = Pick<AppContext, "storage">;

/** Plays in the browser; S3 answers Range requests, so seeking works. */
export function streamUrl({ storage }: Signer, video: Pick<Video, "objectKey">) {
  return storage.presignGet(video.objectKey, MEDIA_URL_TTL_SECONDS);
}

/** Saves the original under its own file name (a safe Content-Disposition). */
export function downloadUrl({ storage }: Signer, video: Pick<Video, "objectKey" | "originalFileName">) {
  return storage.presignGet(video.objectKey, MEDIA_URL_TTL_SECONDS, { downloadName: video.originalFileName });
}

/** The poster frame the trainer's browser drew, if it sent one. */
export async function thumbnailUrl({ storage }: Signer, video: Pick<Video, "thumbnailKey">): Promise<string | undefined> {
  return video.thumbnailKey ? storage.presignGet(video.thumbnailKey, THUMBNAIL_URL_TTL_SECONDS) : undefined;
}
