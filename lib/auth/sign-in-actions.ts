"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { headers } from "next/headers";
import { getDb } from "@/lib/database";
import { signIn, signOut } from "@/lib/auth";
import { emailAddress } from "@/lib/email-address";
import { lockoutSubject } from "@/lib/auth/password-sign-in";
import { clientIp, peek, POLICIES, tooManyMessage, type Policy } from "@/lib/rate-limit";

export interface FormState {
  error?: string;
}

const passwordForm = z.object({ email: emailAddress, password: z.string().min(1, "Enter your password.").max(1024) });
const magicLinkForm = z.object({ email: emailAddress });

// One message for every failure: it must not tell whether the account exists.
const INVALID = "Invalid email or password.";

export async function signInWithPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = passwordForm.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? INVALID };
  try {
    await signIn("password", { ...parsed.data, redirectTo: "/dashboard" });
  } catch (err) {
    if (err instanceof AuthError) return { error: (await limitMessage(parsed.data.email)) ?? INVALID };
    throw err; // the redirect on success
  }
  return {};
}

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
    if (!v.ok) return tooManyMessage(policy, v.retryAfterSeconds);
  }
  return null;
}

export async function requestMagicLink(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = magicLinkForm.safeParse({ email: form.get("email") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address." };
  const db = await getDb();
  const ip = clientIp(await headers());
  for (const [policy, subject] of [
    [POLICIES.magicLinkPerIp, ip],
    [POLICIES.magicLinkPerAddress, parsed.data.email],
  ] as const) {
    const limit = await peek(db, policy, subject);
    if (!limit.ok) return { error: tooManyMessage(policy, limit.retryAfterSeconds) };
  }
  try {
    await signIn("email", { email: parsed.data.email, redirectTo: "/dashboard" });
  } catch (err) {
    if (err instanceof AuthError) return { error: "We could not send a sign-in link right now. Try again in a minute." };
    throw err;
  }
  return {};
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
