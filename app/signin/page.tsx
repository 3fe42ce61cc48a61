import { SiteHeader } from "@/components/site-header";
import { MagicLinkForm, PasswordForm } from "@/components/sign-in-forms";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  CredentialsSignin: "Invalid email or password.",
  AccessDenied: "You cannot sign in with that link.",
  TwoFactor: "Your account uses two-step sign-in: sign in with your email, password and the code from your app.",
  TwoFactorExpired: "Your sign-in timed out. Start again with your email and password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = error ? (ERRORS[error] ?? "Sign-in failed. Please try again.") : undefined;
  return (
    <>
      <SiteHeader />
      <main className="mx-auto grid max-w-3xl gap-8 px-4 py-10 md:grid-cols-2">
        {message && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-800 md:col-span-2">
            {message}
          </p>
        )}
        <section className="rounded-xl border border-zinc-200 bg-white p-5">
          <h1 className="text-xl font-bold">Trainers</h1>
          <p className="mt-1 text-sm text-zinc-600">Sign in with your email and password.</p>
          <PasswordForm />
        </section>
        <section className="rounded-xl border border-zinc-200 bg-white p-5">
          <h2 className="text-xl font-bold">Students (and trainers)</h2>
          <p className="mt-1 text-sm text-zinc-600">
            We email you a one-time sign-in link. Use the address your trainer sent your videos to.
          </p>
          <MagicLinkForm />
        </section>
      </main>
    </>
  );
}
