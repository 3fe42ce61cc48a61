import { notFound } from "next/navigation";
import { after } from "next/server";
import { SharedVideo } from "@/components/shared-video";
import { requireStudent } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { recordShareEvent, shareForStudent } from "@/lib/shares";
import { playbackFor } from "@/lib/videos";

export const metadata = { title: "Your riding session", referrer: "no-referrer" as const };

export default async function StudentVideoPage({ params }: { params: Promise<{ shareId: string }> }) {
  const student = await requireStudent();
  const { shareId } = await params;
  const ctx = await appContext();
  const found = await shareForStudent(ctx, student.email, shareId);
  if (!found) notFound();
  after(() => recordShareEvent(ctx, found.share.id, "view").catch((e) => console.error("[apexshare] view event", e)));
  const { share, video } = found;
  return (
    <SharedVideo
      shared={found}
      playback={await playbackFor(ctx, video)}
      downloadHref={`/student/videos/${share.id}/download`}
      eventBody={{ shareId: share.id }}
    />
  );
}
