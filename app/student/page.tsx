import Link from "next/link";
import { requireStudent } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { sharesForStudent } from "@/lib/shares";
import { formatBytes } from "@/lib/uploads/rules";

export const metadata = { title: "Your videos" };

export default async function StudentDashboard() {
  const student = await requireStudent();
  const shared = await sharesForStudent(await appContext(), student.email);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold">Your videos</h1>
      {shared.length === 0 ? (
        <p className="mt-2 text-zinc-700">
          No videos are shared with {student.email} right now. Videos your trainers share with this address appear here.
        </p>
      ) : (
        <ul className="mt-4 space-y-3">
          {shared.map(({ share, video, trainer }) => (
            <li key={share.id} data-testid="student-video" className="rounded-xl border border-zinc-200 bg-white p-4">
              <Link href={`/student/videos/${share.id}`} className="font-semibold text-brand underline">
                {video.title}
              </Link>
              <p className="text-sm text-zinc-600">
                Session {video.sessionDate} · {trainer.name ?? trainer.email} · {formatBytes(video.sizeBytes)} · until{" "}
                {share.expiresAt.toISOString().slice(0, 10)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
