// Runs once per server start. Validates configuration so a production
// misconfiguration fails at start naming the setting, not on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/config");
  const config = getConfig();
  // Before Next sees a request: 404 for malformed %-escapes; the socket address when no proxy is trusted.
  const { installRequestGuards } = await import("@/lib/security/client-ip");
  installRequestGuards({ stampPeer: config.trustProxy === "none" });
  // APEX_DEPLOY_BUILD is defined at build time for the deploy artifact (next.config.ts): the
  // bundler drops this branch, so demo seeding and PGlite are not in the Lambda at all.
  if (process.env.APEX_DEPLOY_BUILD !== "1" && !config.isProduction && config.localDataDir) {
    // Local only: open (and migrate) the embedded database now and make sure the
    // demo trainer exists, printing its sign-in.
    const { getDb } = await import("@/lib/database");
    const { ensureDemoTrainer } = await import("@/lib/auth/demo-trainer");
    await ensureDemoTrainer(await getDb(), config.localDataDir);
    // Local only (dropped from the deploy artifact with this branch): the media worker (ffmpeg) lives in
    // this process, next to the embedded database. In AWS, MediaConvert makes the renditions.
    if (process.env.MEDIA_WORKER !== "off") {
      const { startMediaWorker } = await import("@/lib/media/worker");
      const { appContext } = await import("@/lib/context");
      const { deliverOutbox } = await import("@/lib/email");
      const deliver = async () => deliverOutbox(await appContext()).catch((e) => console.error("[apexshare] outbox", e));
      // The share emails go as soon as the phone version exists (onPlayable), or when their 5 minutes are up (idle).
      startMediaWorker(async () => ({ ...(await appContext()), onPlayable: deliver }), { afterJob: deliver, idle: deliver });
    }
  }
}
