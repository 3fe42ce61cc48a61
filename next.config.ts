import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build and pg/s3 SDKs are large: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@neondatabase/serverless"],
  poweredByHeader: false,
};

export default nextConfig;
