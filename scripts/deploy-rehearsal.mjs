// Deploy rehearsal, offline: evaluates sst.config.ts into the resource graph
// `sst deploy` would create (SST's installed components under Pulumi's mocks,
// see scripts/lib/sst-graph.mjs), checks the promises the README makes about it,
// then runs EVERY function of the graph locally with exactly the environment and
// the links (resource.enc, encrypted with its SST_KEY) the graph gives it,
// against local PostgreSQL, s3rver and a local SES endpoint.
// Needs: `sst install` (done here), an OpenNext build in .open-next
// (`npm run smoke:open-next` makes one), PostgreSQL on 127.0.0.1:5432.
// Usage: npm run check:deploy   (DATABASE_URL overrides the admin connection)
import { execFileSync, spawn } from "node:child_process";
import { createCipheriv, createPrivateKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startLocalS3 } from "./local-s3.mjs";
import { evaluateSstGraph } from "./lib/sst-graph.mjs";
import { startTcpProxy } from "./lib/tcp-proxy.mjs";

const root = process.cwd();
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let failures = 0;
const check = (name, ok, detail = "") => {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
  if (!ok) failures++;
  return ok;
};

// ── 1. SST's platform code, offline (bun from npm; no Pulumi download) ──────
if (!existsSync(path.join(root, ".sst/platform/node_modules/@pulumi/pulumi"))) {
  execFileSync("node_modules/.bin/sst", ["install", "--stage", "dev"], {
    env: {
      ...process.env,
      SST_SKIP_DEPENDENCY_CHECK: "1",
      SST_TELEMETRY_DISABLED: "1",
      SST_BUN_PATH: realpathSync("node_modules/.bin/bun"),
      XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? mkdtempSync(path.join(tmpdir(), "apex-sst-")),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}
if (!existsSync(path.join(root, ".open-next/open-next.output.json"))) {
  console.error("No OpenNext build in .open-next: run `npm run smoke:open-next` (or `OPEN_NEXT_LOCAL=1 npx open-next build`) first.");
  process.exit(1);
}

// ── 2. The graphs: the two supported production shapes ───────────────────────
const secrets = {
  AuthSecret: randomBytes(32).toString("base64"),
  CronSecret: randomBytes(32).toString("base64"),
  AppUrl: "https://videos.myschool.com",
  NeonDatabaseUrl: `postgres://apex:${randomBytes(12).toString("hex")}@ep-rehearsal.us-east-1.aws.neon.tech/apexshare?sslmode=require`,
  AlarmEmail: "ops@myschool.com",
  MediaSigningKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
};
const only = process.env.REHEARSAL_ONLY;
const shapes = {
  aurora: { APEX_EMAIL_SENDER: "myschool.com", APEX_DOMAIN: "videos.myschool.com" },
  neon: { APEX_EMAIL_SENDER: "myschool.com", APEX_DATABASE: "neon" },
};
export const graphs = {};
// `sst dev` on a developer's personal stage: evaluated too, checked below (no VPC, NAT or Aurora per developer).
const devGraph = only ? undefined : await evaluateSstGraph({ root, stage: "alice", env: shapes.aurora, secrets, dev: true });
// The domain's DNS in Route 53: SST writes the records, over an existing _dmarc (kept as APEX_DMARC says).
const dmarc = "v=DMARC1; p=quarantine; rua=mailto:dmarc@myschool.com";
const route53Graph = only
  ? undefined
  : await evaluateSstGraph({ root, stage: "prod", env: { ...shapes.neon, APEX_EMAIL_DNS: "route53", APEX_DMARC: dmarc }, secrets });
for (const [kind, env] of Object.entries(shapes).filter(([k]) => !only || k === only)) {
  const g = await evaluateSstGraph({ root, stage: "prod", env, secrets });
  graphs[kind] = g;
  check(
    `[${kind}] sst.config.ts evaluates offline into a resource graph`,
    g.errors.length === 0 && g.resources.length > 0,
    g.errors.length ? [...new Set(g.errors)].join("; ") : `${g.resources.length} resources, ${g.builds.length} function builds`,
  );
}

// ── 3. Promises about the graph ────────────────────────────────────────────
const parse = (v) => (typeof v === "string" ? JSON.parse(v) : v);
/** A value Pulumi marked secret arrives wrapped ({<signature>: …, value}). */
const plain = (v) => (v && typeof v === "object" && "value" in v ? v.value : v);
const of = (g, type) => g.resources.filter((r) => r.type === type);
const statements = (doc) => [parse(doc)?.Statement ?? []].flat();
const asList = (v) => (v === undefined ? [] : [v].flat());

/** Every IAM policy document in the graph, with where it came from. */
function policies(g) {
  const out = [];
  for (const r of g.resources) {
    if (["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy"].includes(r.type) && r.inputs.policy)
      out.push({ where: r.name, doc: r.inputs.policy });
    if (r.type === "aws:iam/role:Role")
      for (const p of asList(r.inputs.inlinePolicies)) if (p?.policy) out.push({ where: `${r.name}/${p.name}`, doc: p.policy });
  }
  return out;
}

function graphChecks(kind, g) {
  const tag = `[${kind}]`;
  const topics = of(g, "aws:sns/topic:Topic");
  const eventsTopic = topics.find((t) => t.name.startsWith("EmailEvents"));
  const topicPolicies = of(g, "aws:sns/topicPolicy:TopicPolicy");
  check(
    `${tag} SES may publish bounces/complaints to the EmailEvents topic (topic policy, this account only)`,
    !!eventsTopic &&
      topicPolicies.some(
        (p) =>
          p.inputs.arn === eventsTopic.state.arn &&
          statements(p.inputs.policy).some(
            (s) =>
              JSON.stringify(s.Principal ?? {}).includes("ses.amazonaws.com") &&
              asList(s.Action).some((a) => /^sns:publish$/i.test(a)) &&
              s.Condition,
          ),
      ),
  );
  const subs = of(g, "aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.topic === eventsTopic?.state.arn);
  check(
    `${tag} email events reach a function subscriber, not a public HTTPS endpoint`,
    subs.length > 0 && subs.every((s) => s.inputs.protocol === "lambda"),
    subs.map((s) => s.inputs.protocol).join(","),
  );

  // No secret in any URL, and no secret in plain Lambda environment (links carry them, encrypted).
  const secretValues = Object.entries(secrets).filter(([k]) => !["AppUrl", "AlarmEmail"].includes(k));
  const leaks = [];
  // Cloud resources only: SST's own bookkeeping (sst:*) lives in the encrypted state, and the
  // local build command (command:local) runs on the deploying machine.
  for (const r of g.resources.filter((r) => !r.type.startsWith("sst:") && !r.type.startsWith("command:local"))) {
    const text = JSON.stringify(r.inputs);
    for (const [name, value] of secretValues) if (text.includes(value)) leaks.push(`${name} in ${r.type} ${r.name}`);
  }
  check(`${tag} no secret appears in any resource input (URLs, Lambda environment)`, leaks.length === 0, leaks.join("; "));

  const schedules = of(g, "aws:scheduler/schedule:Schedule");
  const rules = of(g, "aws:cloudwatch/eventRule:EventRule").filter((r) => r.inputs.scheduleExpression);
  check(
    `${tag} the sweep runs hourly through CronV2 (EventBridge Scheduler), nothing more often`,
    schedules.length === 1 && schedules[0].inputs.scheduleExpression === "rate(1 hour)" && rules.length === 0,
    [...schedules, ...rules].map((s) => s.inputs.scheduleExpression).join(", "),
  );

  const gw = of(g, "aws:lambda/functionUrl:FunctionUrl");
  const siteUrl = gw.filter((u) => u.name.startsWith("Site"));
  check(
    `${tag} the site's Function URL only answers CloudFront (oac-with-edge-signing → AWS_IAM)`,
    siteUrl.length > 0 && siteUrl.every((u) => u.inputs.authorizationType === "AWS_IAM"),
    siteUrl.map((u) => `${u.name}:${u.inputs.authorizationType}`).join(", "),
  );

  const wildcard = [];
  const docs = policies(g);
  for (const { where, doc } of docs)
    for (const s of statements(doc))
      for (const a of asList(s.Action)) if (s.Effect !== "Deny" && (a === "*" || a.endsWith(":*"))) wildcard.push(`${where}: ${a}`);
  check(
    `${tag} no IAM policy grants a wildcard action (bucket link lists its actions)`,
    docs.length > 5 && wildcard.length === 0,
    wildcard.length ? wildcard.join("; ") : `${docs.length} policy documents`,
  );

  const bucket = of(g, "aws:s3/bucket:Bucket").find((b) => b.name.startsWith("Videos"));
  const versioning = [...of(g, "aws:s3/bucketVersioning:BucketVersioning"), ...of(g, "aws:s3/bucketVersioningV2:BucketVersioningV2")].find(
    (v) => v.name.startsWith("Videos"),
  );
  check(
    `${tag} the video bucket keeps versions (an undo for sweep bugs)`,
    versioning?.inputs.versioningConfiguration?.status === "Enabled",
    JSON.stringify(versioning?.inputs.versioningConfiguration),
  );
  const lifecycle = of(g, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((l) => l.name.startsWith("Videos"));
  check(
    `${tag} old versions expire (noncurrent-version expiry rule)`,
    !!lifecycle?.inputs.rules?.some((r) => r.noncurrentVersionExpiration?.noncurrentDays > 0),
  );
  check(`${tag} the video bucket is not force-destroyed with its videos`, !!bucket && bucket.inputs.forceDestroy !== true);

  const fns = of(g, "aws:lambda/function:Function").filter((f) => !f.inputs.publish || f.inputs.runtime); // all
  const noRetention = of(g, "aws:cloudwatch/logGroup:LogGroup").filter((l) => !(l.inputs.retentionInDays > 0));
  check(`${tag} every log group has a retention`, noRetention.length === 0, noRetention.map((l) => l.name).join(", "));
  const server = fns.find((f) => f.name.startsWith("SiteServer"));
  const pool = Number(server?.inputs.environment?.variables?.DATABASE_POOL_MAX);
  check(`${tag} the server keeps a small database pool (1–2 per Lambda)`, pool >= 1 && pool <= 2, String(pool));
  check(
    `${tag} the server takes the client IP from CloudFront's viewer address`,
    server?.inputs.environment?.variables?.TRUST_PROXY === "cloudfront",
  );

  // Every database function: a small pool; the site gives up on a new connection quickly (the "waking up"
  // page while a paused Aurora resumes), background functions wait the resume out.
  const dbFns = fns.filter((f) => f.inputs.environment?.variables?.DATABASE_POOL_MAX);
  const env = (f) => f.inputs.environment.variables;
  check(
    `${tag} every database function keeps a pool of 1–2 connections`,
    dbFns.length >= 4 && dbFns.every((f) => Number(env(f).DATABASE_POOL_MAX) >= 1 && Number(env(f).DATABASE_POOL_MAX) <= 2),
    dbFns.map((f) => `${f.name}:${env(f).DATABASE_POOL_MAX}`).join(", "),
  );
  const connectTimeout = Number(server && env(server).DATABASE_CONNECT_TIMEOUT_SECONDS);
  check(
    `${tag} the server's database connect timeout is short (≤ 10 s, well inside its 30 s), background functions' ≥ 20 s`,
    connectTimeout > 0 &&
      connectTimeout <= 10 &&
      connectTimeout < Number(plain(server.inputs.timeout)) &&
      dbFns.filter((f) => f !== server).every((f) => Number(env(f).DATABASE_CONNECT_TIMEOUT_SECONDS) >= 20),
    `server timeout ${plain(server?.inputs.timeout)} s; ${dbFns.map((f) => `${f.name}:${env(f).DATABASE_CONNECT_TIMEOUT_SECONDS}`).join(", ")}`,
  );
  const sweepBuild = g.builds.find((b) => b.functionID.startsWith("Sweep"));
  check(
    `${tag} the sweep reads its signals from the bucket (wakes the database only when there is work), and links no database`,
    !!sweepBuild?.links?.SweepSignals?.bucket && !sweepBuild.links.Database && !sweepBuild.links.NeonDatabaseUrl,
    Object.keys(sweepBuild?.links ?? {}).join(", "),
  );

  const alarms = of(g, "aws:cloudwatch/metricAlarm:MetricAlarm");
  const alarmTopic = topics.find((t) => t.name.startsWith("Alarms"));
  check(
    `${tag} alarms notify an email topic`,
    alarms.length >= 5 && !!alarmTopic && alarms.every((a) => asList(a.inputs.alarmActions).includes(alarmTopic.state.arn)),
    `${alarms.length} alarms`,
  );
  const metric = (ns, name, pred = () => true) =>
    alarms.filter((a) => a.inputs.namespace === ns && a.inputs.metricName === name && pred(a.inputs));
  const wanted = {
    "server, sweep and migrator errors": metric("AWS/Lambda", "Errors").length >= 3,
    "CloudFront 5xx": metric("AWS/CloudFront", "5xxErrorRate").length === 1,
    "SES bounces > 5 %": metric("AWS/SES", "Reputation.BounceRate", (a) => a.threshold === 0.05).length === 1,
    "SES complaints > 0.1 %": metric("AWS/SES", "Reputation.ComplaintRate", (a) => a.threshold === 0.001).length === 1,
    "emails failed after all retries": metric("ApexShare", "OutboxFailed").length === 1,
    ...(kind === "aurora"
      ? {
          "Aurora capacity": metric("AWS/RDS", "ServerlessDatabaseCapacity").length >= 1,
          "NAT status": metric("AWS/EC2", "StatusCheckFailed").length === 1,
        }
      : {}),
  };
  const missing = Object.entries(wanted).filter(([, ok]) => !ok);
  check(
    `${tag} the operators' alarms are all there: ${Object.keys(wanted).join(", ")}`,
    missing.length === 0,
    missing.map(([k]) => k).join(", "),
  );
  if (kind === "neon") {
    const serverBuild = g.builds.find((b) => b.functionID === server?.name.replace(/Function$/, ""));
    check(
      `${tag} the Neon URL reaches the functions as a link (encrypted), not an environment variable`,
      !!serverBuild?.links?.NeonDatabaseUrl && !fns.some((f) => JSON.stringify(f.inputs.environment ?? {}).includes("neon.tech")),
      Object.keys(serverBuild?.links ?? {}).join(", "),
    );
  }
  check(`${tag} an AWS budget alert exists`, of(g, "aws:budgets/budget:Budget").length === 1);

  if (kind === "aurora") {
    const cluster = of(g, "aws:rds/cluster:Cluster")[0];
    const c = cluster?.inputs ?? {};
    check(`${tag} Aurora: deletion protection`, c.deletionProtection === true);
    check(`${tag} Aurora: 14-day backups`, c.backupRetentionPeriod >= 14, String(c.backupRetentionPeriod));
    check(`${tag} Aurora: a final snapshot on delete`, c.skipFinalSnapshot === false && !!c.finalSnapshotIdentifier);
    const scaling = c.serverlessv2ScalingConfiguration ?? {};
    check(
      `${tag} Aurora: scales to 0 ACU and pauses after ≤ 5 minutes idle`,
      scaling.minCapacity === 0 && scaling.secondsUntilAutoPause <= 300,
      JSON.stringify(scaling),
    );
    const pgParams = of(g, "aws:rds/clusterParameterGroup:ClusterParameterGroup").flatMap((p) => p.inputs.parameters ?? []);
    check(
      `${tag} Aurora: idle sessions are closed server-side (frozen Lambdas cannot pin it awake)`,
      pgParams.some((p) => p.name === "idle_session_timeout" && Number(p.value) > 0 && Number(p.value) <= 600000),
    );
    check(
      `${tag} Aurora: TLS is required by the server`,
      pgParams.some((p) => p.name === "rds.force_ssl" && String(p.value) === "1"),
    );
    check(
      `${tag} functions trust the RDS CA (NODE_EXTRA_CA_CERTS)`,
      fns
        .filter((f) => f.inputs.vpcConfig)
        .every((f) => f.inputs.environment?.variables?.NODE_EXTRA_CA_CERTS === "/var/runtime/ca-cert.pem"),
    );
    const eips = of(g, "aws:ec2/eip:Eip");
    const natInstances = of(g, "aws:ec2/instance:Instance");
    check(
      `${tag} one NAT instance and one public IPv4 address, not one per AZ`,
      eips.length <= 1 && natInstances.length <= 1,
      `${natInstances.length} instances, ${eips.length} EIPs`,
    );
    const natSg = of(g, "aws:ec2/securityGroup:SecurityGroup").find((s) => /Nat|Bastion/.test(s.name));
    const openAll = (natSg?.inputs.ingress ?? []).filter((r) => r.protocol === "-1" && asList(r.cidrBlocks).includes("0.0.0.0/0"));
    check(
      `${tag} the NAT/bastion security group is not open to the internet on every protocol`,
      !!natSg && openAll.length === 0,
      JSON.stringify(natSg?.inputs.ingress),
    );
    const endpoints = of(g, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => (e.inputs.vpcEndpointType ?? "Gateway") === "Gateway");
    check(
      `${tag} free S3 + DynamoDB gateway endpoints`,
      ["s3", "dynamodb"].every((svc) => endpoints.some((e) => String(e.inputs.serviceName).endsWith(`.${svc}`))),
    );
  } else {
    check(
      `${tag} no VPC, NAT or Aurora on the Neon path`,
      of(g, "aws:ec2/vpc:Vpc").length === 0 && of(g, "aws:rds/cluster:Cluster").length === 0,
    );
  }

  // Email: a real From address, a MAIL FROM subdomain; DNS records printed when not managed in Route 53.
  const identity = of(g, "aws:sesv2/emailIdentity:EmailIdentity")[0];
  const mailFrom = of(g, "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes")[0];
  check(
    `${tag} SES identity is the domain, with a MAIL FROM subdomain`,
    identity?.inputs.emailIdentity === "myschool.com" && /\.myschool\.com$/.test(mailFrom?.inputs.mailFromDomain ?? ""),
    mailFrom?.inputs.mailFromDomain,
  );
  const dnsOut = g.outputs?.emailDnsRecords;
  check(
    `${tag} the DNS records to add are printed when DNS is not managed here`,
    Array.isArray(dnsOut) && dnsOut.some((r) => /_dmarc/.test(r.name)) && dnsOut.some((r) => r.type === "MX"),
    JSON.stringify(dnsOut)?.slice(0, 200),
  );
}
/** Video delivery: a CloudFront distribution in front of the private bucket, signed URLs only (issue 10 #8). */
function mediaCdnChecks(kind, g) {
  const tag = `[${kind}]`;
  const bucket = of(g, "aws:s3/bucketV2:BucketV2")
    .concat(of(g, "aws:s3/bucket:Bucket"))
    .find((b) => b.name.startsWith("Videos"));
  const block = of(g, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").find((b) => b.name.startsWith("Videos"));
  check(
    `${tag} the video bucket blocks every kind of public access`,
    ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((k) => block?.inputs[k] === true),
    JSON.stringify(block?.inputs),
  );
  const bucketPolicy = of(g, "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.name.startsWith("Videos"));
  const allows = statements(bucketPolicy?.inputs.policy).filter((st) => st.Effect !== "Deny");
  const cloudFrontRead = allows.find((st) => JSON.stringify(st.Principal).includes("cloudfront.amazonaws.com"));
  check(
    `${tag} the bucket policy lets no one in but CloudFront, which may only read, for this account's distributions`,
    !!bucketPolicy &&
      allows.every((st) => st === cloudFrontRead) &&
      JSON.stringify(asList(cloudFrontRead?.Action)) === '["s3:GetObject"]' &&
      JSON.stringify(cloudFrontRead?.Condition ?? {}).includes("AWS:SourceAccount"),
    JSON.stringify(allows),
  );
  const dist = of(g, "aws:cloudfront/distribution:Distribution").find((d) => d.name.startsWith("MediaCdn"));
  const oac = of(g, "aws:cloudfront/originAccessControl:OriginAccessControl").find(
    (o) => o.state.id === dist?.inputs.origins?.[0]?.originAccessControlId,
  );
  check(
    `${tag} the media distribution reads the video bucket through Origin Access Control (SigV4, always)`,
    !!dist &&
      dist.inputs.origins.length === 1 &&
      dist.inputs.origins[0].domainName === bucket?.state.bucketRegionalDomainName &&
      oac?.inputs.originAccessControlOriginType === "s3" &&
      oac?.inputs.signingBehavior === "always" &&
      oac?.inputs.signingProtocol === "sigv4",
    JSON.stringify(dist?.inputs.origins),
  );
  const behaviors = [dist?.inputs.defaultCacheBehavior, ...(dist?.inputs.orderedCacheBehaviors ?? [])].filter(Boolean);
  const keyGroup = of(g, "aws:cloudfront/keyGroup:KeyGroup").find((k) => behaviors[0]?.trustedKeyGroups?.includes(k.state.id));
  const publicKey = of(g, "aws:cloudfront/publicKey:PublicKey").find((k) => keyGroup?.inputs.items?.includes(k.state.id));
  // The key group's public key must verify what MediaSigningKey signs.
  const probe = Buffer.from("apexshare media key probe");
  // Derived from a secret, the key reaches the mocks wrapped as a Pulumi secret ({ <signature>: …, value }).
  const encodedKey = publicKey?.inputs.encodedKey?.value ?? publicKey?.inputs.encodedKey;
  const keyMatches =
    typeof encodedKey === "string" &&
    verify("RSA-SHA1", probe, encodedKey, sign("RSA-SHA1", probe, createPrivateKey(secrets.MediaSigningKey)));
  check(
    `${tag} every media behaviour answers only URLs signed with MediaSigningKey (trusted key group), over HTTPS`,
    behaviors.length > 0 &&
      behaviors.every(
        (b) => b.trustedKeyGroups?.length === 1 && b.trustedKeyGroups[0] === keyGroup?.state.id && b.viewerProtocolPolicy === "https-only",
      ) &&
      keyMatches,
    `key group ${keyGroup?.name}, public key matches the secret: ${keyMatches}`,
  );
  const cachePolicy = of(g, "aws:cloudfront/cachePolicy:CachePolicy").find((c) => c.state.id === behaviors[0]?.cachePolicyId);
  const query = cachePolicy?.inputs.parametersInCacheKeyAndForwardedToOrigin?.queryStringsConfig;
  check(
    `${tag} only the Content-Disposition override reaches S3 (not CloudFront's Expires/Signature/Key-Pair-Id)`,
    query?.queryStringBehavior === "whitelist" && JSON.stringify(query.queryStrings?.items) === '["response-content-disposition"]',
    JSON.stringify(query),
  );
  const headersPolicy = of(g, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy").find(
    (h) => h.state.id === behaviors[0]?.responseHeadersPolicyId,
  );
  check(
    `${tag} media responses carry CORS for the player (Range allowed, Content-Range exposed) and nosniff`,
    asList(headersPolicy?.inputs.corsConfig?.accessControlAllowHeaders?.items).includes("Range") &&
      asList(headersPolicy?.inputs.corsConfig?.accessControlExposeHeaders?.items).includes("Content-Range") &&
      headersPolicy?.inputs.securityHeadersConfig?.contentTypeOptions?.override === true,
  );
  const server = g.builds.find((b) => b.functionID === "SiteServer" || b.functionID?.startsWith("SiteServer"));
  const link = server?.links?.MediaCdn;
  check(
    `${tag} the server function gets the signer's link: the distribution's URL, the key id, the private key (encrypted link, not env)`,
    link?.url === `https://${dist?.state.domainName}` &&
      link?.keyPairId === publicKey?.state.id &&
      link?.privateKey === secrets.MediaSigningKey,
    JSON.stringify({ url: link?.url, keyPairId: link?.keyPairId, privateKey: link?.privateKey ? "(set)" : undefined }),
  );
}
for (const [kind, g] of Object.entries(graphs)) {
  graphChecks(kind, g);
  mediaCdnChecks(kind, g);
}
if (devGraph) {
  const count = (type) => of(devGraph, type).length;
  check(
    "[sst dev] a developer's stage creates no VPC, NAT instance, Aurora cluster or budget (the app runs locally)",
    devGraph.errors.length === 0 &&
      devGraph.resources.length > 0 &&
      ["aws:ec2/vpc:Vpc", "aws:ec2/instance:Instance", "aws:rds/cluster:Cluster", "aws:budgets/budget:Budget"].every((t) => count(t) === 0),
    devGraph.errors.length ? [...new Set(devGraph.errors)].join("; ") : `${devGraph.resources.length} resources`,
  );
}
if (route53Graph) {
  const records = of(route53Graph, "aws:route53/record:Record");
  const dmarcRecord = records.find((r) => r.inputs.name === "_dmarc.myschool.com");
  check(
    "[route53] APEX_EMAIL_DNS=route53 writes DKIM, MAIL FROM and DMARC records, over an existing _dmarc, with the DMARC value given",
    records.length >= 5 &&
      records.every((r) => r.inputs.allowOverwrite === true) &&
      asList(dmarcRecord?.inputs.records).includes(dmarc) &&
      route53Graph.outputs?.emailDnsRecords === undefined,
    records.map((r) => `${r.inputs.type} ${r.inputs.name}`).join(", "),
  );
}
// What the README promises an operator, so the recipes stay where people look for them.
const readme = readFileSync(path.join(root, "README.md"), "utf8");
check(
  "README: `sudo npx sst tunnel install` before `sst tunnel`, and a staging recipe on a Neon branch",
  /sudo npx sst tunnel install[\s\S]*npx sst tunnel --stage prod/.test(readme) &&
    /staging[\s\S]{0,200}Neon[\s\S]{0,40}branch/i.test(readme),
);

// ── 4. Every function, run with exactly what the graph gives it ──────────────
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const s3Dir = mkdtempSync(path.join(tmpdir(), "apex-rehearsal-s3-"));
const s3 = await startLocalS3({ port: 0, bucket: "rehearsal-placeholder", directory: s3Dir, origins: ["https://videos.myschool.com"] });
const sesMail = [];
const ses = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (c) => (raw += c));
  req.on("end", () => {
    sesMail.push(JSON.parse(raw || "{}"));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ MessageId: `rehearsal-${sesMail.length}` }));
  });
});
await new Promise((r) => ses.listen(0, "127.0.0.1", r));
const sesEndpoint = `http://127.0.0.1:${ses.address().port}`;
const children = [];

/** SST's link file: AES-256-GCM with the function's SST_KEY, zero nonce, tag appended. */
function writeLinks(file, keyBase64, links) {
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), Buffer.alloc(12, 0));
  writeFileSync(file, Buffer.concat([cipher.update(JSON.stringify(links)), cipher.final(), cipher.getAuthTag()]));
}

function runNode(args, env, cwd = root) {
  return new Promise((resolve) => {
    const child = spawn(args[0], args.slice(1), {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // A Lambda has a timeout too.
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", () => clearTimeout(timer));
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.on("close", (code) => {
      let r;
      try {
        r = JSON.parse(out.trim().split("\n").pop());
      } catch {
        r = { ok: false, error: `exit ${code}: ${(err || out).slice(-1500)}` };
      }
      resolve(r);
    });
  });
}

async function rehearseFunctions(kind, g) {
  const tag = `[${kind} run]`;
  const dbName = `apex_rehearsal_${kind}_${Date.now()}`;
  await admin.query(`create database ${dbName}`);
  const local = new URL(adminUrl);
  const localDbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  // Aurora is reached through a TCP proxy that can "pause" it (hold new connections unanswered).
  const aurora = await startTcpProxy({ host: local.hostname, port: Number(local.port || 5432) });
  // The stand-ins: each linked cloud resource → its local twin. Everything else is the graph's.
  const standIns = {
    Database: {
      host: "127.0.0.1",
      port: aurora.port,
      username: decodeURIComponent(local.username) || "postgres",
      password: decodeURIComponent(local.password),
      database: dbName,
    },
    NeonDatabaseUrl: { value: localDbUrl },
  };
  const localEnv = {
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    SES_ENDPOINT: sesEndpoint,
    AWS_ACCESS_KEY_ID: "rehearsal",
    AWS_SECRET_ACCESS_KEY: "rehearsal",
    AWS_REGION: "us-east-1",
    // Local Postgres has no TLS; in AWS the graph's sslmode (verify-full) applies.
    DATABASE_SSLMODE: "disable",
    ...(kind === "neon" ? { NEON_WS_PROXY: await neonProxyUrl() } : {}),
  };
  const fns = of(g, "aws:lambda/function:Function");
  const byId = new Map(g.builds.map((b) => [b.functionID, b]));
  const plan = [];
  for (const fn of fns) {
    const build = [...byId.values()].find((b) => fn.name === `${b.functionID}Function`);
    if (!build) {
      plan.push({ fn, skip: "built by SST itself, not from this repo" });
      continue;
    }
    // OpenNext's own helpers (ISR revalidation queue + table seeder, image optimizer): generated
    // code with no app logic and no links of ours; listed, not run.
    if (build.bundle?.startsWith(".open-next/") && !fn.name.startsWith("SiteServer")) {
      plan.push({ fn, skip: `OpenNext's ${path.basename(build.bundle)}, not run` });
      continue;
    }
    const links = { ...build.links };
    for (const name of Object.keys(links)) if (standIns[name]) links[name] = { ...links[name], ...standIns[name] };
    if (links.VideoBucket) await createLocalBucket(links.VideoBucket.name);
    if (links.SweepSignals) await createLocalBucket(links.SweepSignals.bucket);
    const keyFile = path.join(build.out, "resource.local.enc");
    const key = fn.inputs.environment.variables.SST_KEY;
    writeLinks(keyFile, key, links);
    const env = { ...fn.inputs.environment.variables, SST_KEY_FILE: keyFile, AWS_LAMBDA_FUNCTION_NAME: fn.state.name, ...localEnv };
    // Lambda's runtime has the RDS CA bundle at /var/runtime/ca-cert.pem; this machine does not
    // (a missing file stalls tsx's start): use the system bundle in its place.
    if (env.NODE_EXTRA_CA_CERTS && !existsSync(env.NODE_EXTRA_CA_CERTS)) env.NODE_EXTRA_CA_CERTS = "/etc/ssl/certs/ca-certificates.crt";
    plan.push({ fn, build, env, links });
  }
  const names = plan.map((p) => `${p.fn.name}${p.skip ? ` (${p.skip})` : ""}`);
  console.log(`${tag} functions in the graph: ${names.join(", ")}`);
  const find = (prefix) => plan.find((p) => p.fn.name.startsWith(prefix) && !p.skip);

  // Migrator first, as the deploy invokes it.
  console.log(`${tag} running the Migrator…`);
  const migrator = find("Migrator");
  const mig =
    migrator &&
    (await runNode(
      [path.join(root, "node_modules/.bin/tsx"), "scripts/invoke-handler.ts", "infra/migrate.ts", "handler", "{}"],
      migrator.env,
    ));
  check(`${tag} Migrator applies migrations with only its links`, mig?.ok === true, JSON.stringify(mig));

  // The first trainer, as the README's `sst shell -- npm run trainer:create` does.
  execFileSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["scripts/create-trainer.ts", "--email", "coach@myschool.com", "--name", "Coach"],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: localDbUrl,
        TRAINER_PASSWORD: "rehearsal-password-1",
        APP_ENV: "local",
      },
      stdio: "ignore",
    },
  );

  // The server: the OpenNext bundle, served as CloudFront → Function URL would call it.
  const server = find("SiteServer");
  let siteUrl;
  if (server) {
    const bundle = path.join(root, server.build.bundle);
    const [file] = server.build.handler.split(".");
    const child = spawn(process.execPath, [path.join(root, "scripts/lib/serve-lambda.mjs"), bundle, `${file}.mjs`, "0"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...server.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let serverLog = "";
    child.stderr.on("data", (c) => (serverLog += c));
    const port = await new Promise((resolve) => {
      let buf = "";
      child.stdout.on("data", (c) => {
        buf += c;
        const m = /listening (\d+)/.exec(buf);
        if (m) resolve(Number(m[1]));
      });
      child.on("close", () => resolve(0));
    });
    siteUrl = `http://127.0.0.1:${port}`;
    const health = port
      ? await fetch(`${siteUrl}/api/health`).then(async (r) => ({ status: r.status, body: await r.text() }))
      : { status: 0, body: serverLog.slice(-800) };
    check(
      `${tag} server (OpenNext bundle) answers /api/health with its links`,
      health.status === 200,
      `${health.status} ${health.body.slice(0, 200)}`,
    );
    // The first student after a quiet spell: Aurora has paused, and holds the connection while it resumes.
    // First, before any page has made this server talk to the database (it asks again after a minute).
    if (server && kind === "aurora") {
      aurora.pause();
      const t0 = performance.now();
      const page = await fetch(`${siteUrl}/`);
      const pageMs = performance.now() - t0;
      const html = await page.text();
      check(
        `${tag} while Aurora resumes, a page answers the self-reloading "waking up" page (503 + Retry-After) within the connect timeout`,
        page.status === 503 &&
          page.headers.get("retry-after") === "5" &&
          html.includes("ApexShare is waking up") &&
          html.includes('http-equiv="refresh"') &&
          pageMs < 10_000,
        `${page.status} retry-after=${page.headers.get("retry-after")} in ${Math.round(pageMs)} ms`,
      );
      const api = await fetch(`${siteUrl}/api/health`);
      check(
        `${tag} while Aurora resumes, the API answers 503 + Retry-After`,
        api.status === 503 && api.headers.get("retry-after") === "5",
        `${api.status} retry-after=${api.headers.get("retry-after")}`,
      );
      aurora.resume();
      const back = await fetch(`${siteUrl}/`);
      check(`${tag} once Aurora has resumed, the page reloads into the site`, back.status === 200, String(back.status));
    }
    // The MediaCdn link reached lib/config: pages may stream from the distribution.
    const csp = port ? ((await fetch(`${siteUrl}/signin`)).headers.get("content-security-policy") ?? "") : "";
    const cdn = server.links.MediaCdn?.url;
    check(
      `${tag} the server's pages allow the media CDN (CSP media-src/img-src) from its link`,
      !!cdn && ["media-src", "img-src"].every((d) => csp.split("; ").some((line) => line.startsWith(d) && line.split(" ").includes(cdn))),
      csp.slice(0, 300),
    );

    // A magic link: the real SES SDK path with the From address the deploy configures.
    const before = sesMail.length;
    const jar = [];
    const csrfRes = await fetch(`${siteUrl}/api/auth/csrf`);
    jar.push(...csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]));
    const { csrfToken } = await csrfRes.json();
    const signin = await fetch(`${siteUrl}/api/auth/signin/email`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
      body: new URLSearchParams({ email: "coach@myschool.com", csrfToken, callbackUrl: "/trainer" }).toString(),
    });
    const mail = sesMail.slice(before);
    check(
      `${tag} a sign-in email goes out through SES from "ApexShare <no-reply@myschool.com>"`,
      mail.length === 1 && mail[0].FromEmailAddress === "ApexShare <no-reply@myschool.com>" && !!mail[0].ConfigurationSetName,
      `signin ${signin.status}; ${JSON.stringify(mail.map((m) => ({ from: m.FromEmailAddress, set: m.ConfigurationSetName })))}`,
    );
  }

  // The sweep: its SITE_URL points at the deployed site; here, at the local server.
  // It wakes Aurora only when there is work: its first run (no full sweep yet) calls the site, the next
  // one an hour later finds nothing due and lets the database sleep, and an email falling due calls it again.
  const sweep = find("Sweep");
  if (sweep) {
    const runSweep = () =>
      runNode([path.join(root, "node_modules/.bin/tsx"), "scripts/invoke-handler.ts", "infra/sweep.ts", "handler", "{}"], {
        ...sweep.env,
        SITE_URL: siteUrl ?? sweep.env.SITE_URL,
      });
    const first = await runSweep();
    check(
      `${tag} Sweep calls the site's sweep route with its linked secret (first run: the daily sweep)`,
      first.ok === true && first.result?.reason === "daily" && typeof first.result?.outbox?.sent === "number",
      JSON.stringify(first).slice(0, 300),
    );
    const idle = await runSweep();
    check(
      `${tag} Sweep with nothing due does not call the site (Aurora stays paused)`,
      idle.ok === true && idle.result?.skipped === true,
      JSON.stringify(idle).slice(0, 300),
    );
    const signals = await s3Client();
    const { PutObjectCommand, HeadObjectCommand } = await import("@aws-sdk/client-s3");
    const Bucket = sweep.links.SweepSignals.bucket;
    await signals.send(new PutObjectCommand({ Bucket, Key: "system/outbox-due", Body: new Date(Date.now() - 60_000).toISOString() }));
    const due = await runSweep();
    const cleared = await signals.send(new HeadObjectCommand({ Bucket, Key: "system/outbox-due" })).then(
      () => false,
      (e) => e.$metadata?.httpStatusCode === 404,
    );
    check(
      `${tag} Sweep calls the site when an email is due; the site clears the signal once nothing waits`,
      due.ok === true && due.result?.reason === "outbox-due" && cleared,
      `${JSON.stringify(due).slice(0, 200)} cleared=${cleared}`,
    );
  }

  // The SES event subscriber: an SNS-wrapped permanent bounce puts the address on the suppression list, and
  // the trainer who shared with it hears at once: the subscriber asks the site (SITE_URL, here the local
  // server) to send the notice through SES.
  const subscriber = find("EmailEvents");
  if (subscriber) {
    const seed = new pg.Client({ connectionString: localDbUrl });
    await seed.connect();
    const trainerId = randomUUID();
    // A trainer works for a school, and the session is made in it.
    const { rows: school } = await seed.query("insert into schools (name) values ('Rehearsal school') returning id");
    await seed.query(
      "insert into users (id, email, name, role, school_id) values ($1, 'bounce.owner@myschool.com', 'Owner', 'trainer', $2)",
      [trainerId, school[0].id],
    );
    const { rows: made } = await seed.query(
      "insert into riding_sessions (trainer_id, school_id, title, session_date) values ($1, $2, 'Rehearsal bounce', '2026-11-23') returning id",
      [trainerId, school[0].id],
    );
    await seed.query(
      "insert into shares (session_id, recipient_email, token_hash, expires_at) values ($1, 'gone@example.com', $2, now() + interval '7 days')",
      [made[0].id, randomBytes(32).toString("hex")],
    );
    await seed.end();
    const mailBefore = sesMail.length;
    const bounce = {
      eventType: "Bounce",
      bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "Gone@Example.com" }] },
      mail: { destination: ["gone@example.com"] },
    };
    const event = {
      Records: [
        {
          EventSource: "aws:sns",
          Sns: { Type: "Notification", Message: JSON.stringify(bounce), TopicArn: "arn:aws:sns:us-east-1:123456789012:EmailEvents" },
        },
      ],
    };
    const [file, exportName] = subscriber.build.handler.split(".");
    const r = await runNode(
      [path.join(root, "node_modules/.bin/tsx"), "scripts/invoke-handler.ts", `${file}.ts`, exportName, JSON.stringify(event)],
      { ...subscriber.env, SITE_URL: siteUrl ?? subscriber.env.SITE_URL },
    );
    // The site's sweep may add the trainer's daily digest; the notice is the one that is not a digest.
    const notice = sesMail
      .slice(mailBefore)
      .filter((m) => m.Destination?.ToAddresses?.includes("bounce.owner@myschool.com"))
      .filter((m) => !/daily digest/.test(m.Content?.Simple?.Subject?.Data ?? ""));
    check(
      `${tag} the SES event subscriber has the trainer's bounce notice sent at once, through the site and SES`,
      r.ok === true && r.result?.sent >= 1 && notice.length === 1,
      `${JSON.stringify(r).slice(0, 200)} notices=${notice.length}`,
    );
    const c = new pg.Client({ connectionString: localDbUrl });
    await c.connect();
    const { rows } = await c.query("select email, reason from email_suppressions");
    await c.end();
    check(
      `${tag} the SES event subscriber records a bounce with only its links`,
      r.ok === true && rows.some((x) => x.email === "gone@example.com" && x.reason === "bounce"),
      `${JSON.stringify(r).slice(0, 200)} rows=${JSON.stringify(rows)}`,
    );
  }

  // The MediaConvert event subscriber: a state-change event (EventBridge's shape) for a job we never sent is
  // ignored — run with only its links, it must start, reach the database and answer.
  const mediaEvents = find("MediaEvents");
  if (mediaEvents) {
    const event = {
      version: "0",
      "detail-type": "MediaConvert Job State Change",
      source: "aws.mediaconvert",
      account: "123456789012",
      region: "us-east-1",
      detail: { status: "COMPLETE", jobId: "1700000000000-rehearsal", userMetadata: {} },
    };
    const [file, exportName] = mediaEvents.build.handler.split(".");
    const r = await runNode(
      [path.join(root, "node_modules/.bin/tsx"), "scripts/invoke-handler.ts", `${file}.ts`, exportName, JSON.stringify(event)],
      mediaEvents.env,
    );
    check(`${tag} the MediaConvert event subscriber runs with only its links`, r.ok === true, JSON.stringify(r).slice(0, 300));
  }

  const expected = ["Migrator", "SiteServer", "Sweep", "EmailEvents", "MediaEvents"];
  const unknown = plan.filter((p) => !p.skip && !expected.some((e) => p.fn.name.startsWith(e)));
  check(
    `${tag} every app function in the graph has a rehearsal`,
    unknown.length === 0 && expected.every((e) => find(e)),
    unknown.map((p) => p.fn.name).join(", "),
  );
  for (const c of children.splice(0)) c.kill();
  await aurora.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
}

async function s3Client() {
  const { S3Client } = await import("@aws-sdk/client-s3");
  return new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
}

async function createLocalBucket(name) {
  const { CreateBucketCommand } = await import("@aws-sdk/client-s3");
  const client = await s3Client();
  await client.send(new CreateBucketCommand({ Bucket: name })).catch((e) => {
    if (e.name !== "BucketAlreadyOwnedByYou" && e.name !== "BucketAlreadyExists") throw e;
  });
}

let neonProxy;
async function neonProxyUrl() {
  if (!neonProxy) {
    const { startNeonProxy } = await import("./lib/neon-proxy.mjs");
    neonProxy = await startNeonProxy();
  }
  return neonProxy.url;
}

try {
  for (const [kind, g] of Object.entries(graphs)) if (g.errors.length === 0) await rehearseFunctions(kind, g);
} finally {
  for (const c of children) c.kill();
  await neonProxy?.close();
  await admin.end();
  await s3.close();
  ses.close();
  rmSync(s3Dir, { recursive: true, force: true });
}

console.log(failures ? `\n${failures} rehearsal check(s) failed` : "\nDeploy rehearsal passed");
process.exit(failures ? 1 : 0);
