import { SiteHeader } from "@/components/site-header";
import { SignOutButton } from "@/components/sign-in-forms";
import { requireStudent } from "@/lib/auth/session";
import { signOutAction } from "@/app/signin/actions";

export const metadata = { title: "Your videos" };

export default async function StudentDashboard() {
  const student = await requireStudent();
  return (
    <>
      <SiteHeader>
        <span className="text-zinc-600">{student.email}</span>
        <SignOutButton action={signOutAction} />
      </SiteHeader>
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-bold">Your videos</h1>
        <p className="mt-2 text-zinc-700">Videos your trainers share with {student.email} appear here.</p>
      </main>
    </>
  );
}
