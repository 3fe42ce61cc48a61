import path from "node:path";
import { defineConfig } from "vitest/config";
// @ts-expect-error plain ESM script without types
import { mediaToolEnv } from "./scripts/media-tools.mjs";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/support/empty.ts"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // ffmpeg for the media tests: the system's, else the npm-shipped one.
    env: mediaToolEnv(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
