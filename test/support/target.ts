// Remote-suite mode (issue 12): the same integration tests judge a deployed stage.
//
//   DOCKET_TARGET_URL     the stage's site origin (CloudFront), e.g. https://d111.cloudfront.net
//   DOCKET_TARGET_TOKENS  a JSON file: { "<test user's email>": "<Cognito ID token>", … }
//                         optionally "@expired" (an ID token past its expiry) and
//                         "@unknownGroup" (a user of the pool in no Docket group)
//
// Tokens come from a file, not from a password: the stack's app client allows only SRP
// and managed login requires an authenticator app, so no test can sign in by itself
// (README "Running the suites against a deployed stage" says how to fill the file).
// Unset, everything runs on the local runtime as always.
import { readFileSync } from 'node:fs';

export interface RemoteTarget {
  url: string;
  /** ID tokens by the test users' emails (and `@expired`, `@unknownGroup`). */
  tokens: Record<string, string>;
}

function readTarget(env: NodeJS.ProcessEnv = process.env): RemoteTarget | undefined {
  const url = env.DOCKET_TARGET_URL;
  if (!url) return undefined;
  const file = env.DOCKET_TARGET_TOKENS;
  if (!file) throw new Error('DOCKET_TARGET_URL is set without DOCKET_TARGET_TOKENS (a JSON file of ID tokens by email): see README');
  const tokens = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return { url: url.replace(/\/+$/, ''), tokens };
}

export const remoteTarget = readTarget();
export const isRemote = remoteTarget !== undefined;

/**
 * The integration suites that also run against a deployed stage. Every other file needs a
 * hook only the local runtime has (scans of DynamoDB Local, the clock, the mail drop,
 * fault injection, the Lambda stand-in) and is left out of the run, listed by
 * vitest.config.ts; within the files below, single checks that need one skip, saying why.
 */
export const REMOTE_SUITES: readonly string[] = [
  'test/int/authz.int.test.ts',
  'test/int/fuzz.int.test.ts',
  'test/int/hardening.int.test.ts',
];

/** Why a check cannot run against a deployed stage (printed with the skip). */
export const LOCAL_ONLY = {
  snapshot: 'needs a scan of every table before and after (DynamoDB Local)',
  mail: "needs the mail drop: registration tokens travel only by email, and the stage's mail goes to real inboxes",
  clock: 'needs the local clock (POST /api/dev/clock)',
  mint: 'needs the local identity provider to mint the token (or "@expired"/"@unknownGroup" in the token file)',
  faults: 'needs fault injection or the Lambda stand-in (DynamoDB proxy, worker pools)',
} as const;

/** A member of the local runtime used against a deployed stage. */
export class LocalOnly extends Error {
  constructor(what: string) {
    super(`${what} exists only on the local runtime; this run targets ${remoteTarget?.url}`);
    this.name = 'LocalOnly';
  }
}
