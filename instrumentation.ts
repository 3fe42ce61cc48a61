// Runs once per server start. Validates configuration so a production
// misconfiguration fails at start naming the setting, not on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/config");
  const config = getConfig();
  if (!config.isProduction) {
    // Local: open (and migrate) the embedded database now, which prints the demo trainer.
    const { getDatabaseHandle } = await import("@/db/client");
    await getDatabaseHandle();
  }
}
