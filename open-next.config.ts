// OpenNext: turns the Next.js build into the Lambda artifact that `sst deploy` ships.
// OPEN_NEXT_LOCAL=1 (CI's smoke test) swaps the S3/DynamoDB/SQS caches for
// in-process dummies so the handler can run on a machine without AWS.
import type { OpenNextConfig } from "@opennextjs/aws/types/open-next.js";

const local = process.env.OPEN_NEXT_LOCAL === "1";

// Our wrapper: OpenNext's "aws-lambda" one plus a 404 for malformed %-escapes (infra/open-next-wrapper.ts).
const wrapper = () => import("./infra/open-next-wrapper").then((m) => m.default);

const config = {
  default: { override: { wrapper, ...(local ? { incrementalCache: "dummy", tagCache: "dummy", queue: "dummy" } : {}) } },
  // APEX_DEPLOY_BUILD=1: next.config.ts compiles local-only modules out of the artifact.
  buildCommand: "APEX_DEPLOY_BUILD=1 npx next build",
} satisfies OpenNextConfig;

export default config;
