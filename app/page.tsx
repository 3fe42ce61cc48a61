import Link from "next/link";
import { SiteHeader } from "@/components/site-header";

export default function LandingPage() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-3xl px-4 py-12">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Riding-session videos, straight to your students.</h1>
        <p className="mt-4 text-lg text-zinc-700">
          ApexShare is for motorcycle trainers. After a session, drop in your GoPro footage — several gigabytes a file is fine — name your
          students, and upload. Each student gets an email with a personal, expiring link to watch the video on their phone or download it.
          You see who got it, who watched, and who downloaded.
        </p>
        <ul className="mt-6 list-disc space-y-1 pl-6 text-zinc-700">
          <li>Uploads go straight from your browser to storage, resumable if the connection drops.</li>
          <li>Students need no account: the link in their email is enough. They can sign in to see all their videos.</li>
          <li>Links expire, and you can revoke, extend or resend them at any time.</li>
        </ul>
        <div className="mt-8 flex gap-3">
          <Link href="/signin" className="rounded-lg bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark">
            Sign in
          </Link>
        </div>
      </main>
    </>
  );
}
