/// <reference path="./.sst/platform/config.d.ts" />
// Infrastructure for `npx sst deploy --stage prod`. (The full AWS system —
// VPC, Aurora, bucket, email, cron — is filled in by the deploy issue.)
export default $config({
  app(input) {
    return {
      name: "apexshare",
      home: "aws",
      // prod keeps its data and cannot be removed by accident; other stages clean up.
      removal: input?.stage === "prod" ? "retain" : "remove",
      protect: input?.stage === "prod",
    };
  },
  async run() {
    const authSecret = new sst.Secret("AuthSecret");
    const site = new sst.aws.Nextjs("Site", {
      link: [authSecret],
      environment: { APP_ENV: "production" },
    });
    return { url: site.url };
  },
});
