// How the local runtime names the caller of a DynamoDB request: each function's worker
// gets AWS_ACCESS_KEY_ID = fn-<name>, so the local stand-ins can tell functions apart
// and enforce the manifest's grants as IAM would for the function's role.
export const accessKeyFor = (name: string): string => `fn-${name}`;
