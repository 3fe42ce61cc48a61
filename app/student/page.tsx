import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { requireStudent } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { sessionsForStudent, shareActivity } from "@/lib/shares";
import { thumbnailUrl } from "@/lib/videos";

export const metadata = { title: "Your videos" };

export default async function StudentDashboard() {
  const student = await requireStudent();
  const ctx = await appContext();
  const shared = await sessionsForStudent(ctx, student.email);
  // Only this student's own shares (sessionsForStudent is scoped to the address): thumbnails and what they watched.
  const [activity, thumbs] = await Promise.all([
    shareActivity(
      ctx.db,
      shared.map((s) => s.share),
    ),
    Promise.all(shared.map(({ videos }) => thumbnailUrl(ctx, videos[0]))),
  ]);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold">Your videos</h1>
      {shared.length === 0 ? (
        <p className="mt-2 text-zinc-700">
          No videos are shared with {student.email} right now. Videos your trainers share with this address appear here.
        </p>
      ) : (
        <ul className="mt-4 space-y-3">
          {shared.map(({ share, session, videos, trainer }, i) => {
            const watched = activity.get(share.id)?.watched ?? null;
            return (
              <li key={share.id} data-testid="student-video" className="flex gap-4 rounded-xl border border-zinc-200 bg-white p-3">
                <div className="h-20 w-32 shrink-0 overflow-hidden rounded-lg bg-zinc-200">
                  {thumbs[i] && (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img
                      src={thumbs[i]}
                      alt=""
                      className="h-full w-full object-cover"
                      width={128}
                      height={80}
                      data-testid="student-thumb"
                    />
                  )}
                </div>
                <div className="min-w-0">
                  <Link href={`/student/videos/${share.id}`} className="font-semibold text-brand-dark underline">
                    {session.title}
                  </Link>
                  <p className="text-sm text-zinc-700">
                    Session {session.sessionDate} · {trainer.name ?? trainer.email} ·{" "}
                    {videos.length === 1 ? "1 video" : `${videos.length} videos`}
                  </p>
                  <p className="truncate text-sm text-zinc-700">{videos.map((v) => v.title).join(" · ")}</p>
                  <p className="text-sm text-zinc-700">
                    {watched ? (
                      <span className="font-medium text-green-800" data-testid="student-watched">
                        ✓ Watched
                      </span>
                    ) : (
                      <span data-testid="student-not-watched">Not watched yet</span>
                    )}{" "}
                    · available until <LocalTime at={share.expiresAt} />
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
