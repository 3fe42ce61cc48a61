// Monthly cost of a prod stage, from the resource graph sst.config.ts produces
// (evaluated offline, see scripts/lib/sst-graph.mjs): what it costs at rest
// (nobody using it), per stage kind, then what each use adds. us-east-1 list
// prices (on-demand, no free tier unless said); change PRICES when AWS does.
// Usage: npm run cost:deploy   (needs .open-next from `npm run smoke:open-next`)
import { generateKeyPairSync } from "node:crypto";
import { evaluateSstGraph } from "./lib/sst-graph.mjs";

const HOURS = 730;
const PRICES = {
  t4gNanoHour: 0.0042, // EC2 t4g.nano (NAT + bastion)
  ipv4Hour: 0.005, // public IPv4 address
  ebsGbMonth: 0.08, // gp3 root volume, assumed 8 GB
  auroraGbMonth: 0.1, // Aurora storage (I/O-standard); a small school database is < 1 GB
  auroraAcuHour: 0.12, // Aurora Serverless v2; a resumed cluster runs at ≥ 0.5 ACU
  secretMonth: 0.4, // Secrets Manager (Aurora's master password)
  alarmMonth: 0.1, // CloudWatch standard alarm (the account's first 10 are free)
  s3GbMonth: 0.023,
  s3EgressGb: 0.09, // presigned GETs straight from S3 to the internet (first 10 TB/month)
  s3EgressFreeGb: 100, // AWS's free data transfer out to the internet, per account and month
  cloudFrontGb: 0.085, // CloudFront to viewers, North America/Europe, first 10 TB (S3 → CloudFront is free)
  cloudFrontFreeGb: 1024, // CloudFront's always-free tier: 1 TB out and 10 M requests a month
  sesPer1000: 0.1,
  lambdaPerMillion: 0.2,
  lambdaGbSecond: 0.0000166667,
};
const money = (n) => `$${n.toFixed(2)}`;
const secrets = {
  AuthSecret: "x".repeat(44),
  CronSecret: "x".repeat(44),
  AppUrl: "https://videos.myschool.com",
  AlarmEmail: "ops@myschool.com",
  NeonDatabaseUrl: "postgres://x",
  // sst.config.ts derives the CloudFront public key from it, so it must be a real key.
  MediaSigningKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
};

/** Students stream and download through the media CDN when the graph has one (a distribution that only accepts signed URLs). */
const deliversThroughCloudFront = (g) =>
  g.resources.some((r) => r.type === "aws:cloudfront/distribution:Distribution" && r.inputs.defaultCacheBehavior?.trustedKeyGroups?.length);

/** What `gb` a month of video to students costs: through CloudFront, or straight from S3. */
function streamingCost(gb, viaCloudFront) {
  return viaCloudFront
    ? Math.max(0, gb - PRICES.cloudFrontFreeGb) * PRICES.cloudFrontGb
    : Math.max(0, gb - PRICES.s3EgressFreeGb) * PRICES.s3EgressGb;
}

function atRest(g) {
  const of = (type) => g.resources.filter((r) => r.type === type);
  const lines = [];
  const add = (what, count, each, why) => count && lines.push({ what, count, monthly: count * each, why });
  const instances = of("aws:ec2/instance:Instance");
  add(
    "EC2 t4g.nano NAT + bastion",
    instances.length,
    PRICES.t4gNanoHour * HOURS,
    "Lambdas in the VPC reach SES/MediaConvert; `sst tunnel`",
  );
  // An instance in a public subnet gets a public IPv4 (mapPublicIpOnLaunch), as does each Elastic IP.
  add(
    "public IPv4 address",
    instances.length + of("aws:ec2/eip:Eip").length,
    PRICES.ipv4Hour * HOURS,
    "the NAT's way out; AWS bills every public IPv4",
  );
  add("EBS root volume (8 GB gp3)", instances.length, 8 * PRICES.ebsGbMonth, "the NAT instance's disk");
  const cluster = of("aws:rds/cluster:Cluster")[0];
  if (cluster) {
    add("Aurora storage (≤ 1 GB)", 1, PRICES.auroraGbMonth, "paused at 0 ACU, only storage is billed");
    // Each wake resumes Aurora, which then idles until pauseAfter before pausing again (at ≥ 0.5 ACU).
    const awakeHours = ((cluster.inputs.serverlessv2ScalingConfiguration?.secondsUntilAutoPause ?? 300) + 60) / 3600;
    const wake = awakeHours * 0.5 * PRICES.auroraAcuHour;
    const sweepBuild = g.builds.find((b) => b.functionID.startsWith("Sweep"));
    const schedule = of("aws:scheduler/schedule:Schedule")[0]?.inputs.scheduleExpression ?? "";
    const m = /rate\((\d+) (minute|hour|day)s?\)/.exec(schedule);
    const runs = m ? (HOURS * 60) / (Number(m[1]) * { minute: 1, hour: 60, day: 1440 }[m[2]]) : 0;
    // A sweep that reads its signals (infra/sweep.ts) calls the site — and wakes Aurora — once a day
    // when nothing is due; without them every scheduled run would.
    const gated = !!sweepBuild?.links?.SweepSignals;
    const wakes = gated ? Math.min(30, Math.round(runs)) : Math.round(runs);
    add(
      `Aurora woken by the sweep (~${Math.round(awakeHours * 60)} min at 0.5 ACU each)`,
      wakes,
      wake,
      gated
        ? `${schedule} looks for work outside the VPC; wakes Aurora once a day (retention), or when an email is due`
        : `every ${schedule} run wakes Aurora`,
    );
  }
  add("Secrets Manager secret", of("aws:secretsmanager/secret:Secret").length, PRICES.secretMonth, "Aurora's master password (SST)");
  add(
    "CloudWatch alarm",
    of("aws:cloudwatch/metricAlarm:MetricAlarm").length,
    PRICES.alarmMonth,
    "$0 while the account has ≤ 10 alarms in all (free tier)",
  );
  // Free at rest: Lambda, CloudFront, S3 requests, SNS, SQS, DynamoDB on-demand, EventBridge Scheduler, gateway endpoints.
  const free = [
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:lambda/function:Function",
    "aws:cloudfront/distribution:Distribution",
    "aws:dynamodb/table:Table",
    "aws:sqs/queue:Queue",
    "aws:sns/topic:Topic",
  ]
    .map((t) => `${of(t).length} ${t.split(":")[1].split("/")[1]}`)
    .join(", ");
  return { lines, total: lines.reduce((s, l) => s + l.monthly, 0), free };
}

const kinds = {
  "Aurora path (APEX_DATABASE unset)": { APEX_EMAIL_SENDER: "myschool.com" },
  "Neon path (APEX_DATABASE=neon, Neon free plan)": { APEX_EMAIL_SENDER: "myschool.com", APEX_DATABASE: "neon" },
};
const results = {};
for (const [kind, env] of Object.entries(kinds)) {
  const g = await evaluateSstGraph({ root: process.cwd(), stage: "prod", env, secrets });
  if (g.errors.length) throw new Error(`${kind}: ${g.errors.join("; ")}`);
  results[kind] = { ...atRest(g), viaCloudFront: deliversThroughCloudFront(g) };
}
const viaCloudFront = Object.values(results).every((r) => r.viaCloudFront);

console.log("Fixed monthly cost at rest, prod stage, us-east-1 list prices (from the resource graph):\n");
for (const [kind, r] of Object.entries(results)) {
  console.log(`${kind}: ${money(r.total)}/month`);
  console.log("| item | count | per month | why |\n|---|---|---|---|");
  for (const l of r.lines) console.log(`| ${l.what} | ${l.count} | ${money(l.monthly)} | ${l.why} |`);
  console.log(`| (no cost at rest: ${r.free}) | | | |`);
  console.log("");
}
const videosGb = 50 * 2;
console.log("Per use:");
console.log("| use | cost |\n|---|---|");
console.log(
  `| storing videos | ${money(PRICES.s3GbMonth)} per GB-month → 50 × 2 GB kept 30 days: ${money(videosGb * PRICES.s3GbMonth)}/month (+ deleted versions kept 7 days: ≤ ${money((videosGb * 7 * PRICES.s3GbMonth) / 30)}) |`,
);
console.log(
  viaCloudFront
    ? `| a student streams/downloads (CloudFront, signed URLs) | free for the account's first 1 TB a month, then $${PRICES.cloudFrontGb} per GB (a 2 GB video watched once past the free TB: ${money(2 * PRICES.cloudFrontGb)}) |`
    : `| a student streams/downloads (S3 presigned GETs) | ${money(PRICES.s3EgressGb)} per GB past the account's free 100 GB a month |`,
);
console.log(`| an email | ${money(PRICES.sesPer1000 / 1000)} (${money(PRICES.sesPer1000)} per 1,000) |`);
console.log(
  `| Aurora while people use it | ${money(0.5 * PRICES.auroraAcuHour)} per hour at 0.5 ACU, + ~6 min after the last request before it pauses (Neon: its plan) |`,
);
console.log(
  `| a page or API request | ~${money(PRICES.lambdaPerMillion / 1e6 + 0.2 * 1 * PRICES.lambdaGbSecond)} (Lambda 1 GB × ~200 ms; CloudFront's first 1 TB/10 M requests a month are free) |`,
);

console.log(
  "\nVideo to students per month: CloudFront (this deploy" + (viaCloudFront ? "" : ": NOT in the graph") + ") vs straight from S3:",
);
console.log("| streamed + downloaded | example | through CloudFront | straight from S3 |\n|---|---|---|---|");
for (const [gb, example] of [
  [500, "50 one-hour sessions, 5 students each watch the 1080p (~2.5 GB)"],
  [1024, "50 × 2 GB originals, each downloaded by 10 students"],
  [3072, "a busy month: 3 TB"],
])
  console.log(
    `| ${gb >= 1024 ? `${gb / 1024} TB` : `${gb} GB`} | ${example} | ${money(streamingCost(gb, true))} | ${money(streamingCost(gb, false))} |`,
  );
