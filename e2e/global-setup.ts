// Nothing to prepare: the web server starts on a fresh data dir (see e2e/support/app.ts).
export default async function globalSetup() {}
