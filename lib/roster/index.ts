// The school roster (lib/roster): filled in by the roster work.
export {};
