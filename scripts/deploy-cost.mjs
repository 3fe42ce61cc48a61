// Monthly cost of a prod stage, from the resource graph sst.config.ts produces
// (evaluated offline, see scripts/lib/sst-graph.mjs): what it costs at rest
// (nobody using it), per stage kind, then what each use adds. us-east-1 list
// prices (on-demand, no free tier unless said); change PRICES when AWS does.
// Usage: npm run cost:deploy   (needs .open-next from `npm run smoke:open-next`)
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
  s3EgressGb: 0.09, // presigned GETs straight from S3 to the internet
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
};

function atRest(g) {
  const of = (type) => g.resources.filter((r) => r.type === type);
  const lines = [];
  let alt;
  const add = (what, count, unit, each) => count && lines.push({ what, count, unit, monthly: count * each });
  const instances = of("aws:ec2/instance:Instance");
  add("EC2 t4g.nano NAT + bastion", instances.length, "instance", PRICES.t4gNanoHour * HOURS);
  // An instance in a public subnet gets a public IPv4 (mapPublicIpOnLaunch), as does each Elastic IP.
  add("public IPv4 address", instances.length + of("aws:ec2/eip:Eip").length, "address", PRICES.ipv4Hour * HOURS);
  add("EBS root volume (8 GB gp3)", instances.length, "volume", 8 * PRICES.ebsGbMonth);
  const cluster = of("aws:rds/cluster:Cluster")[0];
  if (cluster) {
    add("Aurora storage (≤ 1 GB), paused at 0 ACU", 1, "cluster", PRICES.auroraGbMonth);
    // Every scheduled sweep resumes Aurora, which then idles until pauseAfter before pausing again.
    const schedule = of("aws:scheduler/schedule:Schedule")[0]?.inputs.scheduleExpression ?? "";
    const m = /rate\((\d+) (minute|hour|day)s?\)/.exec(schedule);
    const perMonth = m ? (HOURS * 60) / (Number(m[1]) * { minute: 1, hour: 60, day: 1440 }[m[2]]) : 0;
    const awakeHours = ((cluster.inputs.serverlessv2ScalingConfiguration?.secondsUntilAutoPause ?? 300) + 60) / 3600;
    add(
      `Aurora woken by the sweep (${schedule}: ${Math.round(perMonth)}× ~${Math.round(awakeHours * 60)} min at 0.5 ACU)`,
      Math.round(perMonth),
      "wake",
      awakeHours * 0.5 * PRICES.auroraAcuHour,
    );
    const wake = awakeHours * 0.5 * PRICES.auroraAcuHour;
    alt = { label: 'APEX_SWEEP_SCHEDULE="rate(6 hours)"', delta: (HOURS / 6) * wake - perMonth * wake };
  }
  add("Secrets Manager secret", of("aws:secretsmanager/secret:Secret").length, "secret", PRICES.secretMonth);
  add("CloudWatch alarm (first 10 per account free)", of("aws:cloudwatch/metricAlarm:MetricAlarm").length, "alarm", PRICES.alarmMonth);
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
  return { lines, total: lines.reduce((s, l) => s + l.monthly, 0), free, alt };
}

const kinds = {
  "Aurora path (APEX_DATABASE unset)": { APEX_EMAIL_SENDER: "myschool.com" },
  "Neon path (APEX_DATABASE=neon, Neon free plan)": { APEX_EMAIL_SENDER: "myschool.com", APEX_DATABASE: "neon" },
};
const results = {};
for (const [kind, env] of Object.entries(kinds)) {
  const g = await evaluateSstGraph({ root: process.cwd(), stage: "prod", env, secrets });
  if (g.errors.length) throw new Error(`${kind}: ${g.errors.join("; ")}`);
  results[kind] = atRest(g);
}

console.log("Fixed monthly cost at rest, prod stage, us-east-1 list prices (from the resource graph):\n");
for (const [kind, r] of Object.entries(results)) {
  console.log(`${kind}: ${money(r.total)}/month`);
  console.log("| item | count | per month |\n|---|---|---|");
  for (const l of r.lines) console.log(`| ${l.what} | ${l.count} | ${money(l.monthly)} |`);
  console.log(`(no cost at rest: ${r.free})`);
  if (r.alt) console.log(`With ${r.alt.label}: ${money(r.total + r.alt.delta)}/month (the sweep wakes Aurora 6× less often).`);
  console.log("");
}
const videosGb = 50 * 2;
console.log("Per use:");
console.log("| use | cost |\n|---|---|");
console.log(
  `| storing videos | ${money(PRICES.s3GbMonth)} per GB-month → 50 × 2 GB kept 30 days: ${money(videosGb * PRICES.s3GbMonth)}/month (+ deleted versions kept 7 days: ≤ ${money((videosGb * 7 * PRICES.s3GbMonth) / 30)}) |`,
);
console.log(
  `| a student streams/downloads | ${money(PRICES.s3EgressGb)} per GB (a 2 GB video watched once: ${money(2 * PRICES.s3EgressGb)}) |`,
);
console.log(`| an email | ${money(PRICES.sesPer1000 / 1000)} (${money(PRICES.sesPer1000)} per 1,000) |`);
console.log(
  `| a page or API request | ~${money(PRICES.lambdaPerMillion / 1e6 + 0.2 * 1 * PRICES.lambdaGbSecond)} (Lambda 1 GB × ~200 ms; CloudFront's first 1 TB/10 M requests a month are free) |`,
);
