import { LinkUnavailable } from "@/components/shared-video";

// A dead link (unknown, expired, revoked or resent) answers 404 with the friendly page.
export default function DeadLink() {
  return <LinkUnavailable />;
}
