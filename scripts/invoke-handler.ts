// Runs one Lambda handler the way Lambda would: in a fresh process whose
// environment is exactly what the caller passes (SST links arrive as
// SST_RESOURCE_<Name> JSON). Usage: tsx scripts/invoke-handler.ts <file> <export> [event-json]
// Prints the handler's result as JSON on the last line; exits 1 with the error otherwise.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [file, name = "handler", event = "{}"] = process.argv.slice(2);
try {
  const mod = await import(pathToFileURL(path.resolve(file)).href);
  const result = await mod[name](JSON.parse(event), { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, awsRequestId: "rehearsal" });
  console.log(JSON.stringify({ ok: true, result: result ?? null }));
  process.exit(0);
} catch (err) {
  console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
}
