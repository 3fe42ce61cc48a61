import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { SecondFactorForm } from "@/components/sign-in-forms";
import { getConfig } from "@/lib/config";
import { readTicket, SECOND_FACTOR_COOKIE } from "@/lib/auth/sign-in-ticket";

export const metadata = { title: "Sign-in code" };

// Step 2 of a password sign-in for accounts with a second factor. Only reachable with the
// signed "code still owed" cookie the password step sets; it is not a session.
export default async function TwoFactorPage() {
  const pending = readTicket(getConfig().authSecret, (await cookies()).get(SECOND_FACTOR_COOKIE)?.value, "second-factor");
  if (!pending) redirect("/signin?error=TwoFactorExpired");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-10">
        <section className="rounded-xl border border-zinc-200 bg-white p-5">
          <h1 className="text-xl font-bold">Enter your sign-in code</h1>
          <p className="mt-1 text-sm text-zinc-600">
            Open your authenticator app and enter the 6-digit code for ApexShare. Lost your phone? Enter one of your recovery codes instead
            (each works once).
          </p>
          <SecondFactorForm />
        </section>
      </main>
    </>
  );
}
