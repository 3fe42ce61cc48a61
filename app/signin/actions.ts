"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";
import { emailAddress } from "@/lib/auth/email-address";

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
    if (err instanceof AuthError) return { error: INVALID };
    throw err; // the redirect on success
  }
  return {};
}

export async function requestMagicLink(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = magicLinkForm.safeParse({ email: form.get("email") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address." };
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
