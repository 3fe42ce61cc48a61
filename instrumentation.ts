// Runs once per server start. Validates configuration so a production
// misconfiguration fails at start naming the setting, not on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/config");
  const config = getConfig();
  if (config.trustProxy === "none") {
    // Rate limits key on the socket address: record it before Next sees the request.
    const { installPeerAddressHeader } = await import("@/lib/security/client-ip");
    installPeerAddressHeader();
  }
  // APEX_DEPLOY_BUILD is defined at build time for the deploy artifact (next.config.ts): the
  // bundler drops this branch, so demo seeding and PGlite are not in the Lambda at all.
  if (process.env.APEX_DEPLOY_BUILD !== "1" && !config.isProduction && config.localDataDir) {
    // Local only: open (and migrate) the embedded database now and make sure the
    // demo trainer exists, printing its sign-in.
    const { getDb } = await import("@/lib/database");
    const { ensureDemoTrainer } = await import("@/lib/auth/demo-trainer");
    await ensureDemoTrainer(await getDb(), config.localDataDir);
  }
}
