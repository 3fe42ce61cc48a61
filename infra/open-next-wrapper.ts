// The site Lambda's entry wrapper (open-next.config.ts): OpenNext's own "aws-lambda" wrapper,
// with one guard in front. A malformed %-escape in the path (`/d/%ff`) makes Next's route
// matcher throw (a 500); under `next start` instrumentation.ts answers 404 before Next sees
// it, but on Lambda there is no Node server to hook, so the same answer is given here.
import awsLambda from "@opennextjs/aws/overrides/wrappers/aws-lambda.js";
import type { InternalEvent, InternalResult } from "@opennextjs/aws/types/open-next.js";
import type { Wrapper } from "@opennextjs/aws/types/overrides.js";
import { toReadableStream } from "@opennextjs/aws/utils/stream.js";
import { hasMalformedEscape } from "../lib/security/client-ip";

const notFound = (): InternalResult => ({
  type: "core",
  statusCode: 404,
  headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  body: toReadableStream("Not found."),
  isBase64Encoded: false,
});

const wrapper: Wrapper = {
  name: "apexshare-aws-lambda",
  supportStreaming: awsLambda.supportStreaming,
  wrapper: (handler, converter) =>
    awsLambda.wrapper(
      async (event: InternalEvent, options) => (hasMalformedEscape(event.rawPath) ? notFound() : handler(event, options)),
      converter,
    ),
};

export default wrapper;
