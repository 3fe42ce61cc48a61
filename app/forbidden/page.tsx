import Link from "next/link";

export const metadata = { title: "Trainers only" };

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">This page is for trainers</h1>
      <p className="mt-2 text-zinc-700">You are signed in as a student, so the trainer pages are not available to you.</p>
      <Link href="/student" className="mt-6 inline-block text-brand underline">
        Go to your videos
      </Link>
    </main>
  );
}
