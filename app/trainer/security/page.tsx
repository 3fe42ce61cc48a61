import { renderSVG } from "uqr";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { requireTrainer } from "@/lib/auth/session";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { ChangePasswordForm, SignOutAllDevicesForm } from "./security-forms";
import { ConfirmTwoFactorForm, DisableTwoFactorForm, StartTwoFactorForm } from "./two-factor-forms";

export const metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ required?: string }> }) {
  const trainer = await requireTrainer();
  const { required } = await searchParams;
  const status = await twoFactorStatus(await getDb(), trainer, getConfig().authSecret);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold">Security</h1>
      {required === "admin" && !status.enabledAt && (
        <p role="alert" className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-amber-900">
          Admin pages need two-step sign-in. Set it up below, then open the page again.
        </p>
      )}
      <section className="mt-8" aria-label="Two-step sign-in">
        <h2 className="text-lg font-semibold">Two-step sign-in</h2>
        {status.enabledAt ? (
          <>
            <p className="mt-1 text-sm text-zinc-600" data-testid="two-factor-status">
              On since {status.enabledAt.toISOString().slice(0, 10)}: signing in with your password also asks for the code from your
              authenticator app. {status.recoveryCodesLeft} of 10 recovery codes left.
            </p>
            <DisableTwoFactorForm />
          </>
        ) : status.pending ? (
          <>
            <p className="mt-1 text-sm text-zinc-600">
              Scan this code with an authenticator app (Google Authenticator, 1Password, Authy…), or enter the key by hand. Then enter the
              6-digit code the app shows.
            </p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made here, nothing to optimise */}
            <img
              src={`data:image/svg+xml;base64,${Buffer.from(renderSVG(status.pending.uri)).toString("base64")}`}
              alt="QR code for your authenticator app"
              width={180}
              height={180}
              className="mt-3"
            />
            <p className="mt-2 text-sm">
              Key: <code data-testid="totp-secret">{status.pending.secret}</code>
            </p>
            <ConfirmTwoFactorForm />
          </>
        ) : (
          <>
            <p className="mt-1 text-sm text-zinc-600">
              Off. With it on, a stolen password is not enough: signing in also needs a code from your phone.
            </p>
            <StartTwoFactorForm />
          </>
        )}
      </section>
      <section className="mt-10">
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
