// Limits shared by the Lambda stack and the local runtime.

/** Bodies above this are refused with 413 before parsing (API Gateway allows 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;
