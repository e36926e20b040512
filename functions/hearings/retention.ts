// How long hearing requests are kept after their Period (README "Retention"): read by the
// purge (purge.ts) and the stack's backstop lifecycle rule (lib/documents.ts).
export const DEFAULT_RETENTION_YEARS = 5;
