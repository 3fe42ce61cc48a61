import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build and pg/s3 SDKs are large: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@neondatabase/serverless"],
  poweredByHeader: false,
  // Pages get their headers (CSP with a nonce, HSTS, …) from proxy.ts; API routes get these.
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
