import Link from "next/link";
import { getDb } from "@/db/client";
import { DiscardUploadButton } from "@/components/discard-upload-button";
import { SignOutButton } from "@/components/sign-in-forms";
import { SiteHeader } from "@/components/site-header";
import { signOutAction } from "@/app/signin/actions";
import { requireTrainer } from "@/lib/auth/session";
import { getStorage } from "@/lib/storage";
import { formatBytes } from "@/lib/uploads/rules";
import { listTrainerVideos } from "@/lib/videos/queries";

export const metadata = { title: "Trainer dashboard" };

export default async function TrainerDashboard() {
  const trainer = await requireTrainer();
  const videos = await listTrainerVideos(await getDb(), trainer.id);
  const storage = getStorage();
  const thumbs = new Map(
    await Promise.all(
      videos.filter((v) => v.thumbnailKey).map(async (v) => [v.id, await storage.presignGet(v.thumbnailKey!, 3600)] as const),
    ),
  );
  return (
    <>
      <SiteHeader>
        <span className="hidden text-zinc-600 sm:inline">{trainer.email}</span>
        <SignOutButton action={signOutAction} />
      </SiteHeader>
      <main className="mx-auto max-w-5xl px-4 py-8">
        <div className="flex items-center justify-between gap-4">
          <h1 className="text-2xl font-bold">Your uploads</h1>
          <Link href="/trainer/upload" className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
            Upload videos
          </Link>
        </div>
        {videos.length === 0 ? (
          <p className="mt-6 text-zinc-700">No uploads yet. After a session, upload the videos and name the students.</p>
        ) : (
          <ul className="mt-6 space-y-3">
            {videos.map((v) => {
              const pct = Math.floor((v.uploadedBytes / v.sizeBytes) * 100);
              const students = v.status === "ready" ? v.shares.map((s) => ({ email: s.recipientEmail, name: s.recipientName })) : v.recipients;
              return (
                <li key={v.id} data-testid="video-row" data-video-id={v.id} className="flex gap-4 rounded-xl border border-zinc-200 bg-white p-3">
                  <div className="h-20 w-32 shrink-0 overflow-hidden rounded-lg bg-zinc-200">
                    {thumbs.get(v.id) && (
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={thumbs.get(v.id)} alt="" className="h-full w-full object-cover" width={128} height={80} />
                    )}
                  </div>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h2 className="truncate font-semibold">{v.title}</h2>
                      <span data-testid="video-status" className={v.status === "ready" ? "text-green-700" : v.status === "failed" ? "text-red-700" : "text-amber-700"}>
                        {v.status === "uploading" ? `uploading ${pct}%` : v.status}
                      </span>
                    </div>
                    <p className="text-sm text-zinc-600">
                      Session {v.sessionDate} · {formatBytes(v.sizeBytes)}
                    </p>
                    <p className="mt-1 truncate text-sm text-zinc-700">{students.map((s) => s.name || s.email).join(", ")}</p>
                    {v.status === "uploading" && (
                      <div className="mt-1 flex gap-3 text-sm">
                        <Link href={`/trainer/upload?resume=${v.id}`} className="font-medium text-brand underline">
                          Resume
                        </Link>
                        <DiscardUploadButton videoId={v.id} title={v.title} />
                      </div>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </main>
    </>
  );
}
