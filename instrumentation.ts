// Runs once per server start. Validates configuration so a production
// misconfiguration fails at start naming the setting, not on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/config");
  const config = getConfig();
  // Before Next sees a request: 404 for malformed %-escapes; the socket address when no proxy is trusted.
  const { installRequestGuards } = await import("@/lib/security/client-ip");
  installRequestGuards({ stampPeer: config.trustProxy === "none" });
  }
}
