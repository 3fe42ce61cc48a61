// Two small objects in the video bucket through which the site and the scheduled sweep talk
// without the database: the sweep runs outside the VPC and must not wake a paused Aurora just
// to find out that there is nothing to do (each wake costs ~6 minutes of Aurora; see README, cost).
/** ISO time of the outbox's next due message (written by the site after each delivery; absent: none). */
export const OUTBOX_DUE_KEY = "system/outbox-due";
/** ISO time of the sweep's last full run (written by the sweep function). */
export const LAST_FULL_SWEEP_KEY = "system/last-full-sweep";
