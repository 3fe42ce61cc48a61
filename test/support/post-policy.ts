// S3's evaluation of a browser POST upload, as AWS documents it ("Creating a POST policy",
// "Authenticating requests in browser-based uploads"): the policy must carry a valid SigV4
// signature and not be expired, every form field must be allowed by a condition, and every
// condition must hold (exact match, eq, starts-with, content-length-range on the file).
// A STAND-IN: s3rver stores POST uploads without reading the policy (STACK.md), so the
// tests run the real form against s3rver for the flow and this for what S3 would refuse.
import { createHmac } from "node:crypto";

type Condition = Record<string, string> | [string, string | number, string | number];

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** The reasons S3 would refuse this form (empty: accepted). */
export function postPolicyViolations(
  fields: Record<string, string>,
  file: { size: number },
  opts: { bucket: string; secretAccessKey: string; now?: Date },
): string[] {
  const out: string[] = [];
  const policy = JSON.parse(Buffer.from(fields.Policy, "base64").toString("utf8")) as { expiration: string; conditions: Condition[] };
  const [, date, region, service] = fields["X-Amz-Credential"].split("/");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${opts.secretAccessKey}`, date), region), service), "aws4_request");
  if (hmac(signingKey, fields.Policy).toString("hex") !== fields["X-Amz-Signature"]) out.push("signature does not match the policy");
  if (new Date(policy.expiration) <= (opts.now ?? new Date())) out.push("policy expired");

  const form: Record<string, string> = { bucket: opts.bucket };
  for (const [k, v] of Object.entries(fields)) form[k.toLowerCase()] = v;
  const covered = new Set(["bucket", "policy", "x-amz-signature", "file"]);
  for (const c of policy.conditions) {
    if (!Array.isArray(c)) {
      for (const [name, value] of Object.entries(c)) {
        covered.add(name.toLowerCase());
        if (form[name.toLowerCase()] !== value) out.push(`${name} must be ${value}`);
      }
      continue;
    }
    const [op, a, b] = c;
    if (op === "content-length-range") {
      if (file.size < Number(a) || file.size > Number(b)) out.push(`file size ${file.size} outside ${a}–${b}`);
      continue;
    }
    const name = String(a).replace(/^\$/, "").toLowerCase();
    covered.add(name);
    const value = form[name] ?? "";
    if (op === "eq" && value !== b) out.push(`${name} must equal ${b}`);
    if (op === "starts-with" && !value.startsWith(String(b))) out.push(`${name} must start with ${b}`);
  }
  for (const name of Object.keys(form))
    if (!covered.has(name) && !name.startsWith("x-ignore-")) out.push(`field ${name} not allowed by the policy`);
  return out;
}
