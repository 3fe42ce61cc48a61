/// <reference path="./.sst/platform/config.d.ts" />
// ApexShare on AWS: `npx sst deploy --stage prod`. Read top to bottom:
// secrets → network + database → video bucket → email → site → migrations → sweep.
//
// Deploy-time settings (environment variables of the `sst deploy` shell):
//   APEX_DOMAIN          optional custom domain for the site, e.g. videos.myschool.com (Route 53 hosted zone)
//   APEX_EMAIL_SENDER    verified SES sender: a domain (myschool.com) or an address (videos@myschool.com)
//   APEX_DATABASE        "aurora" (default: Aurora Serverless v2 in a VPC) or "neon" (DATABASE_URL secret, no VPC)
//   APEX_RETENTION_DAYS  days a video is kept (default 30)
export default $config({
  app(input) {
    return {
      name: "apexshare",
      home: "aws",
      // prod keeps its data and cannot be removed by accident; other stages clean up after themselves.
      removal: input?.stage === "prod" ? "retain" : "remove",
      protect: input?.stage === "prod",
    };
  },
  async run() {
    const { readFileSync } = await import("node:fs");
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    const domain = process.env.APEX_DOMAIN || undefined;
    const sender = process.env.APEX_EMAIL_SENDER || domain;
    if (!sender) throw new Error("Set APEX_EMAIL_SENDER (a domain or address SES may send from) or APEX_DOMAIN.");
    const useNeon = process.env.APEX_DATABASE === "neon";
    const retentionDays = Number(process.env.APEX_RETENTION_DAYS ?? 30);

    // ── Secrets (`npx sst secret set <Name> <value> --stage prod`) ─────────────
    const authSecret = new sst.Secret("AuthSecret");
    const cronSecret = new sst.Secret("CronSecret");
    const webhookSecret = new sst.Secret("EmailWebhookSecret");
    // The public URL, when there is no custom domain: set it to the CloudFront URL after the first deploy.
    const appUrl = new sst.Secret("AppUrl", domain ? `https://${domain}` : "https://set-AppUrl-after-first-deploy.invalid");

    // ── Database ───────────────────────────────────────────────────────────────
    // Aurora Serverless v2 scales to 0 ACU when idle (pays storage only); the VPC's
    // NAT is a small EC2 instance rather than a managed NAT gateway (~$3 vs ~$33 a month).
    // The bastion lets `sst tunnel` reach the database from a laptop (e.g. to create the first trainer).
    const vpc = useNeon ? undefined : new sst.aws.Vpc("Vpc", { nat: "ec2", bastion: true });
    const database = vpc
      ? new sst.aws.Aurora("Database", {
          engine: "postgres",
          version: "16.4",
          vpc,
          scaling: { min: "0 ACU", max: "2 ACU", pauseAfter: "20 minutes" },
        })
      : undefined;
    const neonUrl = useNeon ? new sst.Secret("NeonDatabaseUrl") : undefined;
    const databaseEnv: Record<string, $util.Input<string>> = neonUrl ? { DATABASE_DRIVER: "neon", DATABASE_URL: neonUrl.value } : {};

    // ── Video bucket: private (no public access; SSE-S3 encryption is S3's default) ──
    const bucket = new sst.aws.Bucket("VideoBucket", {
      cors: {
        // Browsers PUT parts and GET/HEAD videos with presigned URLs; ETag must be readable.
        allowOrigins: domain ? [`https://${domain}`] : ["*"],
        allowMethods: ["PUT", "GET", "HEAD"],
        allowHeaders: ["*"],
        exposeHeaders: ["ETag", "Content-Length", "Content-Range", "Accept-Ranges"],
        maxAge: "1 hour",
      },
      // The retention sweep deletes on time; these rules are the backstop.
      lifecycle: [
        { id: "expire-videos", prefix: "videos/", expiresIn: `${retentionDays + 1} days` },
        { id: "expire-thumbnails", prefix: "thumbnails/", expiresIn: `${retentionDays + 1} days` },
      ],
      transform: {
        lifecycle: (args) => {
          args.rules = $output(args.rules).apply((rules) => [
            ...(rules ?? []),
            { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
          ]);
        },
      },
    });

    // ── Email: SES identity + bounce/complaint events → SNS → our webhook ─────
    const emailEvents = new sst.aws.SnsTopic("EmailEvents");
    const email = new sst.aws.Email("Email", {
      sender,
      events: [{ name: "bounces-and-complaints", types: ["bounce", "complaint"], topic: emailEvents.arn }],
    });

    // ── Migrations: applied by a function invoked on every deploy, before the site ──
    const migrator = new sst.aws.Function("Migrator", {
      handler: "infra/migrate.handler",
      link: [...(database ? [database] : [])],
      vpc,
      timeout: "5 minutes",
      environment: { APP_ENV: "production", ...databaseEnv },
      copyFiles: [{ from: "db/migrations", to: "db/migrations" }],
    });
    const migrated = new aws.lambda.Invocation("MigrateOnDeploy", {
      functionName: migrator.name,
      // A new input each deploy makes Pulumi invoke it again.
      input: JSON.stringify({ deployedAt: new Date().toISOString() }),
    });

    // ── The site: Next.js on Lambda + CloudFront (OpenNext) ───────────────────
    const site = new sst.aws.Nextjs(
      "Site",
      {
        link: [bucket, email, authSecret, cronSecret, webhookSecret, appUrl, ...(database ? [database] : [])],
        vpc,
        domain,
        // Build with the OpenNext version the project pins, so CI builds what deploys.
        openNextVersion: pkg.devDependencies["@opennextjs/aws"],
        environment: {
          APP_ENV: "production",
          RETENTION_DAYS: String(retentionDays),
          ...databaseEnv,
        },
        server: { memory: "1024 MB", timeout: "30 seconds" },
      },
      { dependsOn: [migrated] },
    );

    new aws.sns.TopicSubscription("EmailEventsWebhook", {
      topic: emailEvents.arn,
      protocol: "https",
      endpoint: $interpolate`${domain ? `https://${domain}` : site.url}/api/webhooks/ses?secret=${webhookSecret.value}`,
      endpointAutoConfirms: true,
    });

    // ── Retention + outbox sweep every 5 minutes ─────────────────────────────
    new sst.aws.Cron("Sweep", {
      schedule: "rate(5 minutes)",
      function: {
        handler: "infra/sweep.handler",
        link: [cronSecret],
        environment: { SITE_URL: domain ? `https://${domain}` : site.url },
        timeout: "5 minutes",
      },
    });

    return { url: domain ? `https://${domain}` : site.url, bucket: bucket.name, sender };
  },
});
