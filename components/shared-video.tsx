import { VideoPlayer, type PlayerProps } from "@/components/video-player";
import type { SharedVideo as Shared } from "@/lib/shares/access";
import { formatBytes } from "@/lib/uploads/rules";

interface Props {
  shared: Shared;
  /** Poster, renditions, original and storyboard (lib/media's playbackFor). */
  playback: Omit<PlayerProps, "downloadHref" | "eventUrl" | "eventBody"> & {
    chapters: { chapter: number; fileName: string; sizeBytes: number }[];
  };
  downloadHref: string;
  /** Identifies the share to the playback beacon: the link's token, or the signed-in student's share id. */
  eventBody: Record<string, string>;
}

const day = (d: Date | string) =>
  new Date(typeof d === "string" ? `${d}T12:00:00Z` : d).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** The student's view of one video: mobile first, player on top, download always offered. */
export function SharedVideo({ shared, playback, downloadHref, eventBody }: Props) {
  const { video, share, trainer } = shared;
  const p = { ...video, trainer, expiresAt: share.expiresAt, downloadHref, eventBody, eventUrl: "/api/share-events" };
  return (
    <main className="mx-auto max-w-3xl px-3 py-4 sm:px-4 sm:py-8">
      <VideoPlayer {...playback} downloadHref={p.downloadHref} eventUrl={p.eventUrl} eventBody={p.eventBody} />
      <h1 className="mt-4 text-xl font-bold sm:text-2xl">{p.title}</h1>
      <p className="mt-1 text-zinc-700">
        Riding session on {day(p.sessionDate)} · from {p.trainer.name ?? p.trainer.email}
      </p>
      {playback.chapters.length > 1 ? (
        <section className="mt-4" data-testid="chapters">
          <p className="text-sm text-zinc-700">
            The camera saved this recording in {playback.chapters.length} files; the player shows them as one. Download each:
          </p>
          <ul className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {playback.chapters.map((c) => (
              <li key={c.chapter}>
                <a
                  href={`${p.downloadHref}?chapter=${c.chapter}`}
                  data-testid="download"
                  className="inline-flex w-full items-center justify-center rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark sm:w-auto"
                >
                  Part {c.chapter} ({formatBytes(c.sizeBytes)})
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <a
          href={p.downloadHref}
          data-testid="download"
          className="mt-4 inline-flex w-full items-center justify-center rounded-lg bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark sm:w-auto"
        >
          Download the original ({formatBytes(p.sizeBytes)})
        </a>
      )}
      {p.notes && (
        <section className="mt-6">
          <h2 className="font-semibold">Notes from your trainer</h2>
          <p className="mt-1 whitespace-pre-wrap rounded-lg border-l-4 border-brand bg-white p-3 text-zinc-800">{p.notes}</p>
        </section>
      )}
      <p className="mt-6 text-sm text-zinc-600">
        Available until {day(p.expiresAt)}. Questions? Write to{" "}
        <a className="underline" href={`mailto:${p.trainer.email}`}>
          {p.trainer.name ?? p.trainer.email}
        </a>
        .
      </p>
    </main>
  );
}

/** The one answer for a link that is unknown, malformed, expired or revoked. */
export function LinkUnavailable() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">This link is no longer available</h1>
      <p className="mt-3 text-zinc-700">
        Video links expire after a while, and a trainer can withdraw one. Ask your trainer — the person who emailed you the link — to send
        you a new one; replying to their email reaches them.
      </p>
      <p className="mt-3 text-zinc-700">
        Already have an account?{" "}
        <a href="/signin" className="text-brand underline">
          Sign in
        </a>{" "}
        to see the videos that are still shared with you.
      </p>
    </main>
  );
}

export function TooManyRequests({ message }: { message: string }) {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Slow down a little</h1>
      <p role="alert" className="mt-3 text-zinc-700">
        {message}
      </p>
    </main>
  );
}
