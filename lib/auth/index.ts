import "server-only";
// Auth.js v5. Sessions are signed, encrypted JWT cookies (nothing in memory),
// so any number of server instances can serve a signed-in user. The Drizzle
// adapter stores users and magic-link verification tokens (hashed by Auth.js).
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/database";
import { accounts, sessions, users, verificationTokens, type Role } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { clientIp } from "@/lib/rate-limit";
import { emailAddress } from "@/lib/email-address";
import { isUnavailable } from "@/lib/http";
import { limitedAdapter, sendMagicLink } from "./magic-link";
import { authorizeCredentials } from "./password-sign-in";
import { hasTwoFactorByEmail } from "./two-factor";
import { claimsForSignIn, isDeactivated, revalidateSession } from "./session-version";
import { audit } from "@/lib/audit";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

export const MAGIC_LINK_MAX_AGE_SECONDS = 15 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const config = getConfig();
  const db = await getDb();
  process.env.AUTH_URL ??= config.appUrl;
  return {
    secret: config.authSecret,
    trustHost: true,
    adapter: limitedAdapter(
      DrizzleAdapter(db, {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
    ),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      Credentials({
        id: "password",
        name: "Email and password",
        credentials: { email: {}, password: {}, ticket: {} },
        async authorize(raw, request) {
          const user = await authorizeCredentials(db, raw, clientIp(request.headers), config.authSecret);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
      {
        id: "email",
        type: "email",
        name: "Magic link",
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        normalizeIdentifier: (identifier: string) => {
          const parsed = emailAddress.safeParse(identifier);
          if (!parsed.success) throw new Error("invalid email");
          return parsed.data;
        },
        sendVerificationRequest: async (params) =>
          sendMagicLink(db, params, config.authSecret, async () => deliverOutbox(await appContext())),
      },
    ],
    events: {
      async signIn({ user, account }) {
        if (user?.id)
          await audit(db, {
            actorId: user.id,
            action: "signin",
            subjectType: "user",
            subjectId: user.id,
            details: { method: account?.provider },
          });
      },
    },
    callbacks: {
      async signIn({ user, account, email }) {
        // A deactivated account gets no new session, by password or by magic link. (For a magic-link
        // request from a new address, `user.id` is a throwaway: look the account up by email.)
        if (user?.email && (await isDeactivated(db, user.email))) return false;
        // A magic link is one factor: an account with a second factor signs in with password + code.
        // (Checked when the link is used, not when it is asked for: the request must not tell who has one.)
        if (account?.provider === "email" && !email?.verificationRequest && user?.email && (await hasTwoFactorByEmail(db, user.email)))
          return "/signin?error=TwoFactor";
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) {
          const claims = await claimsForSignIn(db, user.id);
          return claims ? { ...token, ...claims } : null;
        }
        // Every request: null ends a revoked session (Auth.js then clears the cookie).
        try {
          const fresh = await revalidateSession(db, token);
          return fresh && { ...fresh, outage: undefined };
        } catch (err) {
          // Auth.js treats a throw here as a broken cookie and deletes it: a database outage would sign
          // everyone out. Keep the session, and let currentUser() answer "unavailable" (503 / error page).
          if (!isUnavailable(err)) throw err;
          console.error("[apexshare] session check: database unreachable", err);
          return { ...token, outage: true };
        }
      },
      session({ session, token }) {
        session.user.id = String(token.uid ?? token.sub);
        session.user.role = (token.role as Role | undefined) ?? "student";
        if (token.outage) (session as { outage?: boolean }).outage = true;
        return session;
      },
    },
  };
});
