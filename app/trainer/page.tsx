import { SiteHeader } from "@/components/site-header";
import { SignOutButton } from "@/components/sign-in-forms";
import { requireTrainer } from "@/lib/auth/session";
import { signOutAction } from "@/app/signin/actions";

export const metadata = { title: "Trainer dashboard" };

export default async function TrainerDashboard() {
  const trainer = await requireTrainer();
  return (
    <>
      <SiteHeader>
        <span className="text-zinc-600">{trainer.email}</span>
        <SignOutButton action={signOutAction} />
      </SiteHeader>
      <main className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="text-2xl font-bold">Your uploads</h1>
        <p className="mt-2 text-zinc-700">Welcome, {trainer.name ?? trainer.email}.</p>
      </main>
    </>
  );
}
