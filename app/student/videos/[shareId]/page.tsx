import { notFound } from "next/navigation";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { SharedVideo } from "@/components/shared-video";
import { requireStudent } from "@/lib/auth/session";
import { MEDIA_URL_TTL_SECONDS, recordShareEvent, shareForStudent } from "@/lib/shares";
import { getStorage } from "@/lib/storage";

export const metadata = { title: "Your riding session", referrer: "no-referrer" as const };

export default async function StudentVideoPage({ params }: { params: Promise<{ shareId: string }> }) {
  const student = await requireStudent();
  const { shareId } = await params;
  const db = await getDb();
  const found = await shareForStudent(db, student.email, shareId);
  if (!found) notFound();
  after(() => recordShareEvent(db, found.share.id, "view").catch((e) => console.error("[apexshare] view event", e)));
  const { share, video } = found;
  const streamUrl = await getStorage().presignGet(video.objectKey, MEDIA_URL_TTL_SECONDS);
  return <SharedVideo shared={found} streamUrl={streamUrl} downloadHref={`/student/videos/${share.id}/download`} eventBody={{ shareId: share.id }} />;
}
