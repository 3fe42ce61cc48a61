"use client";
import { ConfirmedDeleteButton } from "./api-action";

export function DiscardUploadButton({ videoId, title }: { videoId: string; title: string }) {
  return (
    <ConfirmedDeleteButton url={`/api/uploads/${videoId}`} label="Discard" question={`Discard the unfinished upload of “${title}”?`} />
  );
}
