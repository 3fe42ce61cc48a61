// Evaluates sst.config.ts offline into the resource graph `sst deploy` would
// create, with SST's own installed platform code (.sst/platform, written by
// `sst install`) running under Pulumi's unit-test mocks (pulumi.runtime.setMocks).
//
// It does what SST's CLI does before handing the program to Pulumi (read from
// its binary: it bundles `import { run } from ".sst/platform/src/auto/run.ts";
// import mod from "./sst.config.ts"; await run(mod.run)` with esbuild, injecting
// src/shim/run.js for $config/$interpolate/…, and sets $app/$cli/$dev + the `sst`
// and `aws` namespaces as globals). What the mocks stand in for:
//   - every cloud resource: registered, never created; its outputs are made up
//     below (ids, ARNs, endpoints) from its inputs;
//   - provider data sources (region, account, policy documents, AZs): answered
//     below; aws.iam.getPolicyDocument is rendered to real IAM JSON so the
//     policies can be checked;
//   - the CLI's "Runtime.Build" RPC (SST builds function code in Go): answered
//     by a local RPC server that records each function's handler and links and
//     writes the links into `resource.enc` encrypted with the function's SST_KEY,
//     exactly as SST does, so a handler can be run with what Lambda would have.
//   - `command.local.Command` (the OpenNext build): not run; the build must
//     already be in .open-next (CI's smoke step builds it).
import { spawn } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** IAM JSON from aws.iam.getPolicyDocument's statements (what the provider would render). */
function policyJson(inputs) {
  const statements = (inputs.statements ?? []).map((s) => {
    const out = { Effect: s.effect ?? "Allow" };
    if (s.sid) out.Sid = s.sid;
    if (s.actions) out.Action = s.actions;
    if (s.notActions) out.NotAction = s.notActions;
    if (s.resources) out.Resource = s.resources;
    if (s.principals) {
      out.Principal = Object.fromEntries(s.principals.map((p) => [p.type === "*" ? "*" : p.type, p.identifiers]));
      if (s.principals.some((p) => p.type === "*")) out.Principal = "*";
    }
    if (s.conditions) {
      out.Condition = {};
      for (const c of s.conditions) (out.Condition[c.test] ??= {})[c.variable] = c.values;
    }
    return out;
  });
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function fakeState(type, name, inputs) {
  const [pkg, mod] = type.split(":");
  const service = (mod ?? "").split("/")[0];
  const physical = inputs.name ?? `${name}-${randomBytes(3).toString("hex")}`;
  const arn = `arn:aws:${service}:${REGION}:${ACCOUNT}:${physical}`;
  const base = { ...inputs, arn, name: physical, id: `${physical}-id` };
  switch (type) {
    case "random:index/randomBytes:RandomBytes": {
      const b = randomBytes(inputs.length ?? 32);
      return { ...inputs, base64: b.toString("base64"), hex: b.toString("hex") };
    }
    case "random:index/randomPassword:RandomPassword":
    case "random:index/randomString:RandomString":
      return {
        ...inputs,
        result: randomBytes(24)
          .toString("base64url")
          .slice(0, inputs.length ?? 24),
      };
    case "random:index/randomId:RandomId": {
      const b = randomBytes(inputs.byteLength ?? 8);
      return { ...inputs, hex: b.toString("hex"), b64Url: b.toString("base64url"), dec: BigInt(`0x${b.toString("hex")}`).toString() };
    }
    case "aws:rds/cluster:Cluster":
      return {
        ...base,
        clusterIdentifier: inputs.clusterIdentifier ?? physical,
        endpoint: `${physical}.cluster-abc.${REGION}.rds.amazonaws.com`,
        readerEndpoint: `${physical}.cluster-ro-abc.${REGION}.rds.amazonaws.com`,
        port: inputs.port ?? 5432,
      };
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2":
      return {
        ...base,
        bucket: inputs.bucket ?? physical.toLowerCase(),
        arn: `arn:aws:s3:::${physical.toLowerCase()}`,
        bucketDomainName: `${physical}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${physical}.s3.${REGION}.amazonaws.com`,
      };
    case "aws:lambda/function:Function":
      return {
        ...base,
        arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}`,
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/${physical}`,
        qualifiedArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}:1`,
      };
    case "aws:lambda/functionUrl:FunctionUrl":
      return { ...base, functionUrl: `https://${physical}.lambda-url.${REGION}.on.aws/` };
    case "aws:cloudfront/distribution:Distribution":
      return { ...base, domainName: `d${randomBytes(6).toString("hex")}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2" };
    case "aws:ec2/instance:Instance":
      return { ...base, privateIp: "10.0.0.10", publicIp: "203.0.113.10", primaryNetworkInterfaceId: `eni-${physical}` };
    case "aws:ec2/eip:Eip":
      return { ...base, publicIp: "203.0.113.20", allocationId: `eipalloc-${physical}` };
    case "aws:acm/certificate:Certificate":
      return {
        ...base,
        domainValidationOptions: [inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])].map((d) => ({
          domainName: d,
          resourceRecordName: `_acm.${d}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_acm.validations.aws.`,
        })),
      };
    case "aws:sesv2/emailIdentity:EmailIdentity":
      return { ...base, dkimSigningAttributes: { tokens: ["tok1", "tok2", "tok3"] } };
    default:
      return pkg === "aws" ? base : { ...inputs, id: `${name}-id` };
  }
}

function invokeResult(token, inputs) {
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { name: REGION, region: REGION, id: REGION, description: "US East (N. Virginia)" };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/rehearsal`, userId: "AIDA", id: ACCOUNT };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return { names: [`${REGION}a`, `${REGION}b`, `${REGION}c`], zoneIds: ["use1-az1", "use1-az2", "use1-az4"], id: REGION };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return { ...inputs, json: policyJson(inputs), minifiedJson: policyJson(inputs), id: "policy" };
    case "aws:ec2/getAmi:getAmi":
      return { id: "ami-0123456789abcdef0", architecture: "arm64" };
    case "aws:ec2/getManagedPrefixList:getManagedPrefixList":
      return { id: "pl-3b927c52", name: inputs.name };
    case "aws:cloudfront/getCachePolicy:getCachePolicy":
    case "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy":
    case "aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy":
      return { id: `${inputs.name}-id` };
    default:
      return {};
  }
}

/** SST's link encryption (sdk resource/node.js reads it back): AES-256-GCM, zero nonce, tag appended. */
function encryptLinks(keyBase64, links) {
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), Buffer.alloc(12, 0));
  return Buffer.concat([cipher.update(JSON.stringify(links)), cipher.final(), cipher.getAuthTag()]);
}

/**
 * @param {{ root: string, stage: string, env?: Record<string,string>, secrets?: Record<string,string>, dev?: boolean }} opts
 * env: the deploy shell's settings (APEX_DOMAIN, …), set while sst.config.ts runs;
 * secrets: what `sst secret set` stored (SST hands each to the program as SST_SECRET_<Name>);
 * dev: evaluate as `sst dev` does ($dev true).
 */
export function evaluateSstGraph(opts) {
  // One process per evaluation: Pulumi's runtime state (mocks, root stack) is process-global.
  const out = path.join(tmpdir(), `apex-sst-graph-${process.pid}-${randomBytes(4).toString("hex")}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(opts), out], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    child.on("close", (code) => {
      try {
        const graph = JSON.parse(readFileSync(out, "utf8"));
        rmSync(out, { force: true });
        resolve(graph);
      } catch {
        reject(new Error(`graph evaluation failed (exit ${code}): ${err.slice(-3000)}`));
      }
    });
  });
}

async function evaluateInProcess({ root, stage, env = {}, secrets = {}, dev = false }) {
  const platform = path.join(root, ".sst", "platform");
  const work = path.join(
    root,
    ".sst",
    "rehearsal",
    stage +
      "-" +
      Object.values(env)
        .join("-")
        .replace(/[^a-z0-9]+/gi, "_"),
  );
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const entry = path.join(platform, `rehearsal-eval-${process.pid}.mjs`);
  const { build } = await import(pathToFileURL(path.join(platform, "node_modules", "esbuild", "lib", "main.js")).href);

  // The function builds SST asks its CLI for, answered here.
  const builds = [];
  const rpc = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const { method, params } = JSON.parse(body);
      const input = params[0];
      if (process.env.REHEARSAL_DEBUG) console.error("rpc", method);
      let result = null;
      if (method === "Provider.Aws.Bootstrap") {
        result = {
          asset: `sst-asset-${ACCOUNT}`,
          assetEcrRegistryId: ACCOUNT,
          assetEcrUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/sst-asset`,
          state: `sst-state-${ACCOUNT}`,
          appsyncHttp: "",
          appsyncRealtime: "",
        };
      } else if (method === "Provider.Aws.Appsync") {
        // `sst dev`'s live-Lambda bridge (its functions proxy to the laptop through AppSync events).
        result = {
          http: `rehearsal.appsync-api.${REGION}.amazonaws.com`,
          realtime: `rehearsal.appsync-realtime-api.${REGION}.amazonaws.com`,
        };
      } else if (method === "Runtime.Build") {
        const out = path.join(work, "functions", input.functionID);
        mkdirSync(out, { recursive: true });
        writeFileSync(path.join(out, "resource.enc"), encryptLinks(input.encryptionKey, input.links ?? {}));
        // The handler file itself: bundles (OpenNext) are used in place; source handlers run from the repo.
        const handler = input.bundle ? input.handler : path.basename(input.handler);
        writeFileSync(path.join(out, "index.mjs"), "export const handler = async () => ({});\n");
        builds.push({ ...input, out });
        result = { handler, out, errors: [], sourcemaps: [] };
      }
      res.end(JSON.stringify({ id: 1, result, error: null }));
    });
  });
  await new Promise((r) => rpc.listen(0, "127.0.0.1", r));

  const banner = `
globalThis.$app = ${JSON.stringify({ name: "apexshare", stage, removal: "remove", protect: false, providers: { aws: {} } })};
globalThis.$dev = ${dev};
globalThis.$cli = ${JSON.stringify({ command: dev ? "dev" : "deploy", rpc: "", paths: { home: root, root, work, platform }, home: "aws", state: { version: {} } })};
`;
  await build({
    stdin: {
      contents: `
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as sst from "./src/components/index.ts";
import { run } from "./src/auto/run.ts";
import mod from ${JSON.stringify(path.join(root, "sst.config.ts"))};
globalThis.sst = sst;
globalThis.aws = aws;
export { pulumi, mod, run };
`,
      resolveDir: platform,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: entry,
    inject: [path.join(platform, "src", "shim", "run.js")],
    banner: { js: `import { createRequire as __cr } from "module"; const require = __cr(import.meta.url);${banner}` },
    packages: "external",
    logLevel: "error",
  });

  const resources = [];
  const invokes = [];
  const errors = [];
  const onError = (e) => errors.push(e instanceof Error ? `${e.message}${process.env.REHEARSAL_DEBUG ? `\n${e.stack}` : ""}` : String(e));
  process.on("unhandledRejection", onError);
  const saved = { ...process.env };
  const cwd = process.cwd();
  const secretEnv = Object.fromEntries(Object.entries(secrets).map(([k, v]) => [`SST_SECRET_${k}`, v]));
  Object.assign(process.env, env, secretEnv, { SST_SERVER: `http://127.0.0.1:${rpc.address().port}` });
  let outputs;
  try {
    const m = await import(pathToFileURL(entry).href);
    const app = await m.mod.app({ stage });
    globalThis.$app = { ...globalThis.$app, removal: app.removal ?? "retain", protect: !!app.protect };
    await m.pulumi.runtime.setMocks(
      {
        newResource(args) {
          const state = fakeState(args.type, args.name, args.inputs);
          if (process.env.REHEARSAL_DEBUG) console.error("res", args.type, args.name);
          resources.push({
            type: args.type,
            name: args.name,
            inputs: args.inputs,
            state,
            custom: args.custom,
            opts: { provider: args.provider },
          });
          return { id: state.id ?? `${args.name}-id`, state };
        },
        call(args) {
          if (process.env.REHEARSAL_DEBUG) console.error("call", args.token);
          invokes.push({ token: args.token, inputs: args.inputs });
          return invokeResult(args.token, args.inputs);
        },
      },
      "apexshare",
      stage,
      false,
    );
    outputs = await m.pulumi.runtime.runInPulumiStack(() => m.run(m.mod.run));
    // Outputs resolve in the background (the Nextjs plan reads the OpenNext build from disk):
    // wait until no new resource has appeared for 3 s.
    let seen = -1;
    const until = Date.now() + 180_000;
    while (seen !== resources.length + builds.length && Date.now() < until) {
      seen = resources.length + builds.length;
      await new Promise((r) => setTimeout(r, 3000));
    }
    outputs = await resolveOutputs(m.pulumi, outputs);
  } catch (e) {
    onError(e);
  } finally {
    process.chdir(cwd);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    process.off("unhandledRejection", onError);
    rpc.close();
    if (!process.env.REHEARSAL_DEBUG) rmSync(entry, { force: true });
  }
  return { stage, env, resources, invokes, builds, outputs, errors };
}

async function resolveOutputs(pulumi, value) {
  if (pulumi.Output.isInstance(value)) return resolveOutputs(pulumi, await new Promise((r) => value.apply(r)));
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveOutputs(pulumi, v)));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolveOutputs(pulumi, v);
    return out;
  }
  return value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [opts, out] = process.argv.slice(2);
  const graph = await evaluateInProcess(JSON.parse(opts));
  writeFileSync(out, JSON.stringify(graph));
  // Pulumi's runtime keeps promises for resources that are never created: leave now.
  process.exit(0);
}
