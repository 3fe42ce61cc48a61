"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { signIn, signOut } from "@/lib/auth";
import { emailAddress } from "@/lib/email-address";
import { ApiError } from "@/lib/http";
import type { User } from "@/db/schema";
import { accountForTicket, checkPasswordSignIn, lockoutSubject } from "@/lib/auth/password-sign-in";
import { issueTicket, readTicket, SECOND_FACTOR_COOKIE, SECOND_FACTOR_TTL_SECONDS } from "@/lib/auth/sign-in-ticket";
import { hasTwoFactor, proveSecondFactor } from "@/lib/auth/two-factor";
import { clientIp, peek, POLICIES, type Policy } from "@/lib/rate-limit";

export interface FormState {
  error?: string;
  /** The address typed, handed back with an error: React resets the form after an action, and retyping it is a chore. */
  email?: string;
}

const passwordForm = z.object({ email: emailAddress, password: z.string().min(1, "Enter your password.").max(1024) });
const magicLinkForm = z.object({ email: emailAddress });

// One message for every failure: it must not tell whether the account exists. In the reader's language.
const invalid = async () => (await getTranslations("signIn"))("errors.CredentialsSignin");

/** A form that did not parse, in the reader's language: the first problem, named by its field and code. */
async function formProblem(error: z.ZodError): Promise<string> {
  const t = await getTranslations("signIn");
  const issue = error.issues[0];
  if (issue?.path[0] === "password") return t("errors.enterPassword");
  if (issue?.code === "invalid_format" || issue?.code === "too_big") return t("errors.invalidEmail");
  return t("errors.enterEmail");
}

/** "Too many … Try again in 12 minutes." in the reader's language (the API's English is tooManyMessage). */
async function tooManyText(policy: Policy, retryAfterSeconds: number): Promise<string> {
  const t = await getTranslations("signIn");
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  if (policy === POLICIES.signInFailuresPerAccount) return t("limits.failures", { minutes });
  if (policy === POLICIES.secondFactorFailuresPerAccount) return t("limits.codes", { minutes });
  if (policy === POLICIES.magicLinkPerAddress) return t("limits.links", { minutes });
  if (policy === POLICIES.magicLinkPerIp) return t("limits.linksFromNetwork", { minutes });
  return t("limits.network", { minutes });
}

/**
 * Step 1. The password is checked here (once, counted by the lockout). An account with a
 * second factor gets no session yet: only a signed 5-minute "code still owed" cookie, and
 * the code page. Every other account is signed in at once.
 */
export async function signInWithPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = passwordForm.safeParse({ email: form.get("email"), password: form.get("password") });
  const email = typedEmail(form);
  if (!parsed.success) return { error: await formProblem(parsed.error), email };
  const db = await getDb();
  const user = await checkPasswordSignIn(db, parsed.data, clientIp(await headers()));
  if (!user) return { error: (await limitMessage(parsed.data.email)) ?? (await invalid()), email };
  if (await hasTwoFactor(db, user.id)) {
    const { authSecret, appUrl } = getConfig();
    (await cookies()).set(
      SECOND_FACTOR_COOKIE,
      issueTicket(authSecret, { uid: user.id, sv: user.sessionVersion, purpose: "second-factor", tf: false }),
      {
        httpOnly: true,
        sameSite: "lax",
        secure: appUrl.startsWith("https:"),
        path: "/signin",
        maxAge: SECOND_FACTOR_TTL_SECONDS,
      },
    );
    redirect("/signin/two-factor");
  }
  return startSession(user, false);
}

/** Step 2, for accounts with a second factor: a code from the app or a recovery code. */
export async function signInWithSecondFactor(_prev: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const { authSecret } = getConfig();
  const jar = await cookies();
  const user = await accountForTicket(db, readTicket(authSecret, jar.get(SECOND_FACTOR_COOKIE)?.value, "second-factor"));
  if (!user) return { error: (await getTranslations("signIn"))("errors.TwoFactorExpired") };
  const code = String(form.get("code") ?? "");
  const t = await getTranslations("signIn");
  if (code.trim() === "") return { error: t("errors.enterCode") };
  try {
    await proveSecondFactor(db, user.id, { code }, authSecret);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // The reader's words for the refusals a code can meet: too many tries, or a wrong (or too long) code.
    if (err.status === 429)
      return { error: await tooManyText(POLICIES.secondFactorFailuresPerAccount, Number(err.headers["Retry-After"] ?? 60)) };
    return { error: t("errors.wrongCode") };
  }
  jar.delete({ name: SECOND_FACTOR_COOKIE, path: "/signin" });
  return startSession(user, true);
}

/** Hands Auth.js a 60-second ticket (in this process, never to the browser) that mints the session cookie. */
async function startSession(user: User, secondFactor: boolean): Promise<FormState> {
  const ticket = issueTicket(getConfig().authSecret, { uid: user.id, sv: user.sessionVersion, purpose: "session", tf: secondFactor });
  try {
    await signIn("password", { ticket, redirectTo: "/dashboard" });
  } catch (err) {
    if (err instanceof AuthError) return { error: await invalid() };
    throw err; // the redirect on success
  }
  return {};
}

const typedEmail = (form: FormData) => String(form.get("email") ?? "").slice(0, 320);

/** When a failure was a rate limit, say so (it reveals nothing about the account). */
async function limitMessage(email: string): Promise<string | null> {
  const db = await getDb();
  const ip = clientIp(await headers());
  const checks: [Policy, string][] = [
    [POLICIES.signInPerIp, ip],
    [POLICIES.signInFailuresPerAccount, lockoutSubject(email, ip)],
  ];
  for (const [policy, subject] of checks) {
    const v = await peek(db, policy, subject);
    if (!v.ok) return tooManyText(policy, v.retryAfterSeconds);
  }
  return null;
}

export async function requestMagicLink(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = magicLinkForm.safeParse({ email: form.get("email") });
  const email = typedEmail(form);
  if (!parsed.success) return { error: await formProblem(parsed.error), email };
  const db = await getDb();
  const ip = clientIp(await headers());
  for (const [policy, subject] of [
    [POLICIES.magicLinkPerIp, ip],
    [POLICIES.magicLinkPerAddress, parsed.data.email],
  ] as const) {
    const limit = await peek(db, policy, subject);
    if (!limit.ok) return { error: await tooManyText(policy, limit.retryAfterSeconds), email };
  }
  try {
    await signIn("email", { email: parsed.data.email, redirectTo: "/dashboard" });
  } catch (err) {
    if (err instanceof AuthError) return { error: (await getTranslations("signIn"))("errors.sendFailed"), email };
    throw err;
  }
  return {};
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
