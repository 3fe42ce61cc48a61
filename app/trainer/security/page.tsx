import { requireTrainer } from "@/lib/auth/session";
import { ChangePasswordForm, SignOutAllDevicesForm } from "./security-forms";

export const metadata = { title: "Security" };

export default async function SecurityPage() {
  await requireTrainer();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold">Security</h1>
      <section className="mt-8">
        <h2 className="text-lg font-semibold">Signed-in devices</h2>
        <p className="mt-1 text-sm text-zinc-600">
          Lost a phone or signed in on a shared computer? This ends every session, this one included.
        </p>
        <SignOutAllDevicesForm />
      </section>
      <section className="mt-10">
        <h2 className="text-lg font-semibold">Password</h2>
        <p className="mt-1 mb-3 text-sm text-zinc-600">Changing it signs you out everywhere.</p>
        <ChangePasswordForm />
      </section>
    </main>
  );
}
