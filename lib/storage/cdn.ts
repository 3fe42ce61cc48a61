// Viewer URLs through CloudFront (sst.config.ts's MediaCdn): the bucket stays private
// (Origin Access Control), and each URL is signed with the key group's private key
// for one object until one instant (a canned policy). CloudFront checks the signature
// and the time at the edge; the path and query, response overrides included, are signed.
import { getSignedUrl } from "@aws-sdk/cloudfront-signer";

export interface CdnConfig {
  /** https://dxxxx.cloudfront.net (or a custom domain) */
  url: string;
  /** The CloudFront public key's id in the key group. */
  keyPairId: string;
  /** PEM; an SST secret linked to the server, never in git. */
  privateKey: string;
}

export interface ViewerUrlOptions {
  /** S3's response-content-disposition override (CloudFront forwards it: cache policy). */
  contentDisposition?: string;
}

export function cloudFrontSignedUrl(cdn: CdnConfig, key: string, expiresAt: Date, opts: ViewerUrlOptions = {}): string {
  const path = key.split("/").map(encodeURIComponent).join("/");
  // %20, not URLSearchParams' "+": the value S3 reads back must be the header we mean.
  const query = opts.contentDisposition ? `?response-content-disposition=${encodeURIComponent(opts.contentDisposition)}` : "";
  const url = `${cdn.url.replace(/\/$/, "")}/${path}${query}`;
  return getSignedUrl({ url, keyPairId: cdn.keyPairId, privateKey: cdn.privateKey, dateLessThan: expiresAt });
}
