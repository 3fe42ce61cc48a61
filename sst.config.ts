/// <reference path="./.sst/platform/config.d.ts" />
// ApexShare on AWS: `npx sst deploy --stage prod`. Read top to bottom:
// secrets → network + database → video bucket → email → migrations → site → sweep → operators.
// `npm run check:deploy` evaluates this file offline into its resource graph, checks
// the promises written here and runs every function with what the graph gives it.
//
// Deploy-time settings (environment variables of the `sst deploy` shell):
//   APEX_DOMAIN          optional custom domain for the site, e.g. videos.myschool.com (Route 53 hosted zone)
//   APEX_EMAIL_SENDER    SES sender: a domain (myschool.com → "ApexShare <no-reply@myschool.com>") or an address
//   APEX_EMAIL_DNS       "manual" (default: the DNS records to add are printed as `emailDnsRecords`)
//                        or "route53" (SST creates them in the domain's hosted zone)
//   APEX_DMARC           your domain's existing DMARC record, kept as is (default "v=DMARC1; p=none;")
//   APEX_DATABASE        "aurora" (default: Aurora Serverless v2 in a VPC) or "neon" (NeonDatabaseUrl secret, no VPC)
//   APEX_RETENTION_DAYS  days a video is kept (default 30)
//   APEX_SWEEP_SCHEDULE  how often the sweep looks for work (default "rate(1 hour)"); it wakes a paused
//                        Aurora only once a day or when an email is due (infra/sweep.ts)
//   APEX_BUDGET_USD      monthly AWS budget that emails the AlarmEmail when forecast to be exceeded (default 20)
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
    const prod = $app.stage === "prod";
    const domain = process.env.APEX_DOMAIN || undefined;
    const sender = process.env.APEX_EMAIL_SENDER || domain;
    if (!sender) throw new Error("Set APEX_EMAIL_SENDER (a domain or address SES may send from) or APEX_DOMAIN.");
    const senderIsDomain = !sender.includes("@");
    // SES needs an address in From; a domain identity may send as any address in it.
    const from = senderIsDomain ? `ApexShare <no-reply@${sender}>` : `ApexShare <${sender}>`;
    const useNeon = process.env.APEX_DATABASE === "neon";
    // `sst dev` runs the app on the laptop (PGlite or DATABASE_URL): no VPC, NAT or Aurora per developer.
    const useAurora = !useNeon && !$dev;
    const retentionDays = Number(process.env.APEX_RETENTION_DAYS ?? 30);
    const siteUrl = domain ? `https://${domain}` : undefined;
    const region = aws.getRegionOutput().region;
    const accountId = aws.getCallerIdentityOutput().accountId;

    // Every function keeps its logs for a month (CloudWatch's default is forever).
    $transform(sst.aws.Function, (args) => {
      args.logging ??= { retention: "1 month" };
    });

    // ── Secrets (`npx sst secret set <Name> <value> --stage prod`) ─────────────
    const authSecret = new sst.Secret("AuthSecret");
    const cronSecret = new sst.Secret("CronSecret");
    // The public URL, when there is no custom domain: set it to the CloudFront URL after the first deploy.
    const appUrl = new sst.Secret("AppUrl", siteUrl ?? "https://set-AppUrl-after-first-deploy.invalid");
    // Where alarms and the budget alert go.
    const alarmEmail = new sst.Secret("AlarmEmail");

    // ── Database ───────────────────────────────────────────────────────────────
    // Aurora Serverless v2 scales to 0 ACU and pauses after 5 idle minutes (then pays storage only).
    // One small EC2 instance is both the VPC's NAT (Lambdas reach SES through it) and the bastion
    // `sst tunnel` uses: SST's own `nat: "ec2"` makes one instance + public IPv4 per AZ (~$13/month).
    const vpc = useAurora
      ? new sst.aws.Vpc("Vpc", {
          bastion: true,
          transform: {
            bastionInstance: (args) => {
              // fck-nat's image (what SST's NAT instances run): forwards the private subnets' traffic.
              args.ami = aws.ec2.getAmiOutput({
                owners: ["568608671756"],
                filters: [
                  { name: "name", values: ["fck-nat-al2023-*"] },
                  { name: "architecture", values: ["arm64"] },
                ],
                mostRecent: true,
              }).id;
              args.sourceDestCheck = false;
              args.tags = { ...(args.tags as Record<string, string>), "sst:is-nat": "true", Name: "ApexShare NAT + bastion" };
            },
            // Only SSH (for `sst tunnel`) from the internet; NAT traffic only from inside the VPC.
            bastionSecurityGroup: (args) => {
              args.ingress = [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "sst tunnel (key-only SSH)" },
                { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"], description: "NAT for the private subnets" },
              ];
            },
            // Routes to the NAT are added below as separate resources.
            privateRouteTable: (args) => {
              delete args.routes;
            },
          },
        })
      : undefined;
    if (vpc) {
      const natEni = vpc.nodes.bastionInstance.apply((i) => i!.primaryNetworkInterfaceId);
      vpc.nodes.privateRouteTables.apply((tables) =>
        tables.forEach(
          (table, i) =>
            new aws.ec2.Route(`VpcPrivateNatRoute${i + 1}`, {
              routeTableId: table.id,
              destinationCidrBlock: "0.0.0.0/0",
              networkInterfaceId: natEni,
            }),
        ),
      );
      // Free gateway endpoints: S3 (video deletes, HeadObject) and DynamoDB bypass the NAT.
      for (const service of ["s3", "dynamodb"]) {
        new aws.ec2.VpcEndpoint(`VpcEndpoint${service === "s3" ? "S3" : "DynamoDb"}`, {
          vpcId: vpc.id,
          serviceName: $interpolate`com.amazonaws.${region}.${service}`,
          vpcEndpointType: "Gateway",
          routeTableIds: vpc.nodes.privateRouteTables.apply((tables) => tables.map((t) => t.id)),
        });
      }
    }
    const database = vpc
      ? new sst.aws.Aurora("Database", {
          engine: "postgres",
          version: "16.4",
          vpc,
          scaling: { min: "0 ACU", max: "2 ACU", pauseAfter: "5 minutes" },
          transform: {
            cluster: (args) => {
              args.deletionProtection = prod;
              args.backupRetentionPeriod = prod ? 14 : 1;
              args.skipFinalSnapshot = !prod;
              args.finalSnapshotIdentifier = prod ? `apexshare-${$app.stage}-final` : undefined;
              args.copyTagsToSnapshot = true;
            },
            clusterParameterGroup: (args) => {
              args.parameters = [
                ...((args.parameters as { name: string; value: string }[] | undefined) ?? []),
                // A frozen Lambda's idle connection must not keep Aurora from pausing.
                { name: "idle_session_timeout", value: "120000" },
                { name: "rds.force_ssl", value: "1" },
              ];
            },
          },
        })
      : undefined;
    const neonUrl = useNeon ? new sst.Secret("NeonDatabaseUrl") : undefined;
    // Functions reach the database through a link (encrypted with the function), never a plain env var.
    const databaseLink = database ? [database] : neonUrl ? [neonUrl] : [];
    // Lambda's Node 20+ runtime ships the RDS CA bundle here but does not load it by default;
    // the app connects with sslmode=verify-full.
    const databaseEnv: Record<string, string> = database ? { NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem" } : {};

    // ── Video bucket: private, versioned (an undo for sweep bugs), SSE-S3 by default ──
    const bucket = new sst.aws.Bucket("Videos", {
      versioning: true,
      cors: {
        // Browsers PUT parts and GET/HEAD videos with presigned URLs; ETag must be readable.
        allowOrigins: domain ? [`https://${domain}`] : ["*"],
        allowMethods: ["PUT", "POST", "GET", "HEAD"],
        allowHeaders: ["*"],
        exposeHeaders: ["ETag", "Content-Length", "Content-Range", "Accept-Ranges"],
        maxAge: "1 hour",
      },
      // Viewers read through the media CDN below (OAC): CloudFront may GetObject for this account's distributions only.
      // (Its own ARN cannot be named here: SST exposes the bucket only after this policy exists.)
      policy: [
        {
          principals: [{ type: "service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:GetObject"],
          // Schools' logos (lib/schools/identity) are media too: signed URLs through the CDN.
          paths: ["videos/*", "thumbnails/*", "schools/*"],
          conditions: [{ test: "StringEquals", variable: "AWS:SourceAccount", values: [accountId] }],
        },
      ],
      // The retention sweep deletes on time; these rules are the backstop.
      lifecycle: [
        { id: "expire-videos", prefix: "videos/", expiresIn: `${retentionDays + 1} days` },
        { id: "expire-thumbnails", prefix: "thumbnails/", expiresIn: `${retentionDays + 1} days` },
      ],
      transform: {
        // Keep the videos if the stack is removed by mistake.
        bucket: (args) => {
          args.forceDestroy = !prod;
        },
        lifecycle: (args) => {
          args.rules = $output(args.rules).apply((rules) => [
            ...(rules ?? []),
            { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
            // A deleted (or overwritten) video can be restored for 7 days, then it is gone for good.
            {
              id: "expire-old-versions",
              status: "Enabled",
              filter: {},
              noncurrentVersionExpiration: { noncurrentDays: 7 },
              expiration: { expiredObjectDeleteMarker: true },
            },
          ]);
        },
      },
    });
    // The server gets exactly the S3 actions lib/storage uses, on this bucket only (the
    // Bucket component's own link grants s3:*).
    const videoBucket = new sst.Linkable("VideoBucket", {
      properties: { name: bucket.name },
      include: [
        sst.aws.permission({
          actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
          resources: [$interpolate`${bucket.arn}/*`],
        }),
        sst.aws.permission({ actions: ["s3:ListBucket"], resources: [bucket.arn] }),
      ],
    });

    // ── Video delivery (issue 10 #8): CloudFront in front of the private bucket. Re-apply as a block. ──
    // Students stream and download through the edge (the account's first TB a month is free; S3 straight
    // to the internet is $0.09/GB). The bucket stays private: CloudFront reads it with Origin Access Control,
    // and answers only URLs signed with MediaSigningKey (a key group), which the server signs per object
    // for ≤ 30 minutes (lib/storage/cdn.ts). Range requests pass through; the download's file name is
    // S3's response-content-disposition override, part of the signed URL and of the cache key.
    const { createPublicKey } = await import("node:crypto");
    // An RSA private key in PEM: `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | npx sst secret set MediaSigningKey --stage prod`.
    const mediaSigningKey = new sst.Secret("MediaSigningKey");
    const mediaPublicKey = new aws.cloudfront.PublicKey("MediaPublicKey", {
      comment: `ApexShare ${$app.stage}: media URL signatures`,
      encodedKey: mediaSigningKey.value.apply((pem) => createPublicKey(pem).export({ type: "spki", format: "pem" }).toString()),
    });
    const mediaKeyGroup = new aws.cloudfront.KeyGroup("MediaKeyGroup", { items: [mediaPublicKey.id] });
    const mediaOac = new aws.cloudfront.OriginAccessControl("MediaOac", {
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    // Cache key: the object and its Content-Disposition override. Expires/Signature/Key-Pair-Id stay out (one
    // cached copy for every signed URL) and are not forwarded (S3 would see a second auth next to OAC's).
    const mediaCachePolicy = new aws.cloudfront.CachePolicy("MediaCachePolicy", {
      minTtl: 0,
      defaultTtl: 86400,
      maxTtl: 86400 * 7,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: ["response-content-disposition"] } },
        enableAcceptEncodingGzip: false,
        enableAcceptEncodingBrotli: false,
      },
    });
    // CORS for players that fetch (the <video> element needs none); nosniff on everything.
    const mediaHeaders = new aws.cloudfront.ResponseHeadersPolicy("MediaHeaders", {
      corsConfig: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: { items: ["Range"] },
        accessControlAllowMethods: { items: ["GET", "HEAD"] },
        accessControlAllowOrigins: { items: [domain ? `https://${domain}` : "*"] },
        accessControlExposeHeaders: { items: ["Content-Length", "Content-Range", "Accept-Ranges", "ETag"] },
        accessControlMaxAgeSec: 3600,
        originOverride: true,
      },
      securityHeadersConfig: { contentTypeOptions: { override: true } },
    });
    const mediaCdn = new aws.cloudfront.Distribution("MediaCdn", {
      enabled: true,
      comment: `ApexShare ${$app.stage}: videos, renditions, posters (signed URLs only)`,
      priceClass: "PriceClass_100",
      httpVersion: "http2and3",
      origins: [{ originId: "videos", domainName: bucket.nodes.bucket.bucketRegionalDomainName, originAccessControlId: mediaOac.id }],
      defaultCacheBehavior: {
        targetOriginId: "videos",
        viewerProtocolPolicy: "https-only",
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        compress: false,
        cachePolicyId: mediaCachePolicy.id,
        responseHeadersPolicyId: mediaHeaders.id,
        trustedKeyGroups: [mediaKeyGroup.id],
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
    // What the server signs with (lib/config's MediaCdn): encrypted with the function like every link.
    const mediaCdnLink = new sst.Linkable("MediaCdn", {
      properties: { url: $interpolate`https://${mediaCdn.domainName}`, keyPairId: mediaPublicKey.id, privateKey: mediaSigningKey.value },
    });
    // ── end of video delivery ────────────────────────────────────────────────────────────────────

    // ── Email: SES identity, MAIL FROM subdomain, bounce/complaint events → SNS → function ──
    const emailEvents = new sst.aws.SnsTopic("EmailEvents");
    // SES publishes events with its service principal; only for this account's configuration sets.
    new aws.sns.TopicPolicy("EmailEventsPolicy", {
      arn: emailEvents.arn,
      policy: aws.iam.getPolicyDocumentOutput({
        statements: [
          {
            sid: "SesPublishesEmailEvents",
            principals: [{ type: "Service", identifiers: ["ses.amazonaws.com"] }],
            actions: ["SNS:Publish"],
            resources: [emailEvents.arn],
            conditions: [{ test: "StringEquals", variable: "AWS:SourceAccount", values: [accountId] }],
          },
        ],
      }).json,
    });
    const manualDns = process.env.APEX_EMAIL_DNS !== "route53";
    const dmarc = process.env.APEX_DMARC || "v=DMARC1; p=none;";
    const mailFromDomain = senderIsDomain ? `mail.${sender}` : undefined;
    const mail = new sst.aws.Email("Mail", {
      sender,
      ...(senderIsDomain
        ? {
            mailFrom: { domain: mailFromDomain! },
            dmarc,
            // Route 53: an existing _dmarc record is overwritten with APEX_DMARC (set it to keep yours).
            dns: manualDns ? false : sst.aws.dns({ transform: { record: (args) => void (args.allowOverwrite = true) } }),
          }
        : {}),
      events: [{ name: "bounces-and-complaints", types: ["bounce", "complaint"], topic: emailEvents.arn }],
    });
    // The server may send as this identity through this configuration set, nothing else
    // (the Email component's own link grants ses:* and SendEmail on every identity).
    const email = new sst.Linkable("Email", {
      properties: { sender: mail.sender, configSet: mail.configSet },
      include: [
        sst.aws.permission({
          actions: ["ses:SendEmail", "ses:SendRawEmail"],
          resources: [mail.nodes.identity.arn, mail.nodes.configurationSet.arn],
        }),
      ],
    });
    const emailDnsRecords =
      senderIsDomain && manualDns
        ? $resolve([mail.nodes.identity.dkimSigningAttributes.tokens, region]).apply(([tokens, r]) => [
            ...((tokens ?? []) as string[]).map((t) => ({
              type: "CNAME",
              name: `${t}._domainkey.${sender}`,
              value: `${t}.dkim.amazonses.com`,
            })),
            { type: "TXT", name: `_dmarc.${sender}`, value: dmarc, note: "keep your existing DMARC record if you have one" },
            { type: "MX", name: mailFromDomain!, value: `10 feedback-smtp.${r}.amazonses.com` },
            { type: "TXT", name: mailFromDomain!, value: "v=spf1 include:amazonses.com ~all" },
          ])
        : undefined;

    // What every function that touches the database shares.
    // Background functions wait out a paused Aurora's ~15 s resume; the site does not (see below).
    const dbFunction = {
      vpc,
      environment: { APP_ENV: "production", DATABASE_POOL_MAX: "1", DATABASE_CONNECT_TIMEOUT_SECONDS: "30", ...databaseEnv },
    };

    // ── Migrations: applied by a function invoked on every deploy, before the site ──
    const migrator = new sst.aws.Function("Migrator", {
      handler: "infra/migrate.handler",
      link: databaseLink,
      vpc,
      // Two connections: one holds the migration lock while the other migrates.
      environment: { ...dbFunction.environment, DATABASE_POOL_MAX: "2" },
      timeout: "5 minutes",
      copyFiles: [{ from: "db/migrations", to: "db/migrations" }],
    });
    const migrated = new aws.lambda.Invocation("MigrateOnDeploy", {
      functionName: migrator.name,
      // A new input each deploy makes Pulumi invoke it again.
      input: JSON.stringify({ deployedAt: new Date().toISOString() }),
    });

    // ── Media (issue 12), part 1 of 2: the role MediaConvert assumes to read originals and write
    //    renditions, and what the site needs to submit jobs. Re-apply as a block. ─────────────────
    const mediaConvertRole = new aws.iam.Role("MediaConvertRole", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      inlinePolicies: [
        {
          name: "video-bucket",
          policy: $jsonStringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [$interpolate`${bucket.arn}/videos/*`] }],
          }),
        },
      ],
    });
    const media = {
      environment: { MEDIA_ENGINE: "mediaconvert", MEDIACONVERT_ROLE_ARN: mediaConvertRole.arn },
      permissions: [
        { actions: ["mediaconvert:CreateJob"], resources: ["*"] },
        { actions: ["iam:PassRole"], resources: [mediaConvertRole.arn] },
      ],
    };
    // ── end of media part 1 ──────────────────────────────────────────────────────────────────────

    // ── The site: Next.js on Lambda + CloudFront (OpenNext) ───────────────────
    const site = new sst.aws.Nextjs(
      "Site",
      {
        link: [videoBucket, mediaCdnLink, email, authSecret, cronSecret, appUrl, ...databaseLink],
        vpc,
        domain,
        // The Function URL answers only CloudFront (SigV4 from Lambda@Edge); request bodies ≤ 1 MB,
        // which is fine: video bytes go straight to S3.
        protection: "oac-with-edge-signing",
        // Build with the OpenNext version the project pins, so CI builds what deploys.
        openNextVersion: pkg.devDependencies["@opennextjs/aws"],
        environment: {
          ...dbFunction.environment,
          DATABASE_POOL_MAX: "2",
          // A student waits at most 5 s, then sees the "waking up" page while Aurora resumes.
          DATABASE_CONNECT_TIMEOUT_SECONDS: "5",
          RETENTION_DAYS: String(retentionDays),
          EMAIL_FROM: from,
          // Client IPs (rate limits, audit) come from CloudFront's viewer address, never X-Forwarded-For.
          TRUST_PROXY: "cloudfront",
          ...media.environment,
        },
        permissions: media.permissions,
        server: { memory: "1024 MB", timeout: "30 seconds" },
      },
      { dependsOn: [migrated] },
    );

    // ── Retention + outbox sweep, hourly (more often would keep Aurora from pausing) ──
    // It calls the site (and so wakes Aurora) only once a day or when the outbox has a message due,
    // which it reads from two small objects the site and the sweep write (lib/storage/signals).
    const sweepSignals = new sst.Linkable("SweepSignals", {
      properties: { bucket: bucket.name },
      include: [
        sst.aws.permission({ actions: ["s3:GetObject"], resources: [$interpolate`${bucket.arn}/system/outbox-due`] }),
        sst.aws.permission({ actions: ["s3:GetObject", "s3:PutObject"], resources: [$interpolate`${bucket.arn}/system/last-full-sweep`] }),
        // Without it a missing object reads as 403, not 404.
        sst.aws.permission({ actions: ["s3:ListBucket"], resources: [bucket.arn] }),
      ],
    });
    const sweep = new sst.aws.CronV2("Sweep", {
      schedule: (process.env.APEX_SWEEP_SCHEDULE || "rate(1 hour)") as `rate(${string})`,
      function: {
        handler: "infra/sweep.handler",
        link: [cronSecret, sweepSignals],
        environment: { SITE_URL: siteUrl ?? site.url },
        timeout: "5 minutes",
      },
    });

    // Bounces and complaints put the address on the suppression list (lib/email/events); a new bounce
    // queues a notice to the trainers who shared with it, and the site is asked to send it now (SITE_URL +
    // the cron secret, as the sweep calls it) instead of at the next sweep.
    emailEvents.subscribe("Bounces", {
      handler: "infra/email-events.handler",
      link: [cronSecret, ...databaseLink],
      ...dbFunction,
      environment: { ...dbFunction.environment, SITE_URL: siteUrl ?? site.url },
      timeout: "1 minute",
    });

    // ── Media (issue 12), part 2 of 2: MediaConvert's "Job State Change" events (default bus)
    //    → infra/media-events.ts, which marks the video ready / failed. Re-apply as a block. ──────
    const mediaEvents = new sst.aws.Function("MediaEvents", {
      handler: "infra/media-events.handler",
      link: [videoBucket, email, authSecret, cronSecret, appUrl, ...databaseLink],
      ...dbFunction,
      timeout: "1 minute",
      // It reads the full settings (storage + database), so it gets the same From and retention as the site.
      environment: { ...dbFunction.environment, EMAIL_FROM: from, RETENTION_DAYS: String(retentionDays), SITE_URL: siteUrl ?? site.url },
    });
    const mediaRule = new aws.cloudwatch.EventRule("MediaConvertStateChange", {
      eventPattern: JSON.stringify({
        source: ["aws.mediaconvert"],
        "detail-type": ["MediaConvert Job State Change"],
        detail: { status: ["COMPLETE", "ERROR", "CANCELED"] },
      }),
    });
    new aws.cloudwatch.EventTarget("MediaConvertStateChangeTarget", { rule: mediaRule.name, arn: mediaEvents.arn });
    new aws.lambda.Permission("MediaConvertStateChangeInvoke", {
      action: "lambda:InvokeFunction",
      function: mediaEvents.name,
      principal: "events.amazonaws.com",
      sourceArn: mediaRule.arn,
    });
    // ── end of media part 2 ──────────────────────────────────────────────────────────────────────

    // ── Operators: alarms and a budget alert to AlarmEmail (confirm SNS's email once) ──
    const alarms = new sst.aws.SnsTopic("Alarms");
    new aws.sns.TopicSubscription("AlarmsEmail", { topic: alarms.arn, protocol: "email", endpoint: alarmEmail.value });
    const alarm = (
      name: string,
      description: string,
      args: Partial<aws.cloudwatch.MetricAlarmArgs> & Pick<aws.cloudwatch.MetricAlarmArgs, "namespace" | "metricName">,
    ) =>
      new aws.cloudwatch.MetricAlarm(`Alarm${name}`, {
        alarmDescription: description,
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [alarms.arn],
        okActions: [alarms.arn],
        ...args,
      });
    const functionErrors = (name: string, fnName: $util.Input<string>) =>
      alarm(`${name}Errors`, `${name} function errors`, {
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: fnName },
      });
    // `sst dev` runs the site on the laptop: no server function, no CloudFront to watch.
    if (!$dev)
      functionErrors(
        "Server",
        site.nodes.server!.apply((f) => f.nodes.function.name),
      );
    functionErrors("Sweep", sweep.nodes.job.nodes.function.name);
    functionErrors("Migrator", migrator.nodes.function.name);
    if (!$dev)
      alarm("Site5xx", "CloudFront 5xx rate above 5% (CloudFront metrics live in us-east-1)", {
        namespace: "AWS/CloudFront",
        metricName: "5xxErrorRate",
        dimensions: { DistributionId: site.nodes.cdn!.nodes.distribution.id, Region: "Global" },
        statistic: "Average",
        threshold: 5,
        comparisonOperator: "GreaterThanThreshold",
      });
    // SES pauses sending at 10% bounces / 0.5% complaints; warn well before.
    alarm("SesBounceRate", "SES bounce rate above 5%", {
      namespace: "AWS/SES",
      metricName: "Reputation.BounceRate",
      statistic: "Maximum",
      period: 3600,
      threshold: 0.05,
      comparisonOperator: "GreaterThanThreshold",
    });
    alarm("SesComplaintRate", "SES complaint rate above 0.1%", {
      namespace: "AWS/SES",
      metricName: "Reputation.ComplaintRate",
      statistic: "Maximum",
      period: 3600,
      threshold: 0.001,
      comparisonOperator: "GreaterThanThreshold",
    });
    // The sweep logs {"outboxFailed": n}: emails that gave up after their retries.
    const sweepLogs = sweep.nodes.job.nodes.logGroup.apply((g) => g!.name);
    new aws.cloudwatch.LogMetricFilter("OutboxFailedMetric", {
      logGroupName: sweepLogs,
      pattern: "{ $.outboxFailed > 0 }",
      metricTransformation: { name: "OutboxFailed", namespace: "ApexShare", value: "$.outboxFailed", defaultValue: "0" },
    });
    alarm("OutboxFailed", "Emails failed after all retries", { namespace: "ApexShare", metricName: "OutboxFailed", period: 3600 });
    if (database) {
      const cluster = database.nodes.cluster!.clusterIdentifier;
      alarm("AuroraNearMax", "Aurora near its 2 ACU ceiling for 15 minutes", {
        namespace: "AWS/RDS",
        metricName: "ServerlessDatabaseCapacity",
        dimensions: { DBClusterIdentifier: cluster },
        statistic: "Average",
        evaluationPeriods: 3,
        threshold: 1.75,
      });
      // Cost guard: a cluster that never reaches 0 ACU in a day costs ~$44/month more.
      alarm("AuroraNeverPaused", "Aurora did not pause for 24 hours", {
        namespace: "AWS/RDS",
        metricName: "ServerlessDatabaseCapacity",
        dimensions: { DBClusterIdentifier: cluster },
        statistic: "Minimum",
        period: 86400,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
      });
      const nat = vpc!.nodes.bastionInstance.apply((i) => i!.id);
      alarm("NatStatus", "NAT/bastion instance failed its status checks (Lambdas cannot send email)", {
        namespace: "AWS/EC2",
        metricName: "StatusCheckFailed",
        dimensions: { InstanceId: nat },
        statistic: "Maximum",
        evaluationPeriods: 2,
        treatMissingData: "breaching",
      });
    }
    // One budget per account's production, not one per developer running `sst dev`.
    if (!$dev)
      new aws.budgets.Budget("Budget", {
        budgetType: "COST",
        limitAmount: String(Number(process.env.APEX_BUDGET_USD ?? 20)),
        limitUnit: "USD",
        timeUnit: "MONTHLY",
        notifications: [
          {
            notificationType: "FORECASTED",
            comparisonOperator: "GREATER_THAN",
            threshold: 100,
            thresholdType: "PERCENTAGE",
            subscriberEmailAddresses: [alarmEmail.value],
          },
          {
            notificationType: "ACTUAL",
            comparisonOperator: "GREATER_THAN",
            threshold: 80,
            thresholdType: "PERCENTAGE",
            subscriberEmailAddresses: [alarmEmail.value],
          },
        ],
      });

    return { url: siteUrl ?? site.url, bucket: bucket.name, from, emailDnsRecords };
  },
});
