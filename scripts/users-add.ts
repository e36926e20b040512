// npm run users:add -- <email> <group> [nationality | the State of a `state` user] [--commissioner-id c-xx] [--pool-id id] [--stage dev]
//
// Creates a user in the deployed Cognito user pool (staff first of all: applicants can
// sign themselves up) and puts it in its group. Cognito emails the temporary password;
// at the first sign-in managed login asks for a new password and an authenticator app.
// Running it again for the same email only updates attributes and group.
//
// The pool: --pool-id, else DOCKET_USER_POOL_ID, else the UserPoolId output of the
// stage's stack in cdk-outputs.json (written by `cdk deploy --outputs-file cdk-outputs.json`).
// AWS credentials and region come from the usual places (AWS_PROFILE, …); the region
// defaults to the pool's own (its id starts with it).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES, type Role } from '../functions/shared/auth';
import { isOasState } from '../functions/shared/states';

export interface NewUser {
  email: string;
  group: Role;
  nationality?: string;
  commissionerId?: string;
  poolId?: string;
  stage: string;
}

const USAGE = 'usage: npm run users:add -- <email> <group> [nationality] [--commissioner-id c-xx] [--pool-id <id>] [--stage dev]';

/** Reads and checks the arguments; throws a message naming what is wrong. */
export function parseArgs(argv: string[], env: Record<string, string | undefined> = process.env): NewUser {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value\n${USAGE}`);
      flags[name] = value;
    } else positional.push(arg);
  }
  const [email, group, nationality] = positional;
  if (!email || !group) throw new Error(USAGE);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`"${email}" is not an email address`);
  if (!(ROLES as readonly string[]).includes(group)) throw new Error(`group must be one of ${ROLES.join(', ')}, not "${group}"`);
  const country = nationality?.toUpperCase();
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw new Error(`nationality must be a two-letter country code (ISO 3166-1), not "${nationality}"`);
  if (group === 'commissioner' && !country) throw new Error('a commissioner needs a nationality (recusal under Art. 17 depends on it)');
  // A State delegation (issue 16): the code is the State it speaks for, kept in custom:state.
  if (group === 'state' && (!country || !isOasState(country))) throw new Error('a State delegation needs the code of an OAS member State (e.g. CO)');
  const commissionerId = flags['commissioner-id'] ?? (group === 'commissioner' ? `c-${country!.toLowerCase()}` : undefined);
  if (commissionerId !== undefined && (group !== 'commissioner' || !/^[\w-]{1,16}$/.test(commissionerId))) {
    throw new Error('--commissioner-id is for commissioners only: up to 16 letters, digits, "-" or "_"');
  }
  return { email: email.toLowerCase(), group: group as Role, nationality: country, commissionerId, poolId: flags['pool-id'] ?? env.DOCKET_USER_POOL_ID, stage: flags.stage ?? env.DOCKET_STAGE ?? 'dev' };
}

/** The pool id from cdk-outputs.json, for the stage's stack. */
export function poolIdFromOutputs(file: string, stage: string): string {
  if (!existsSync(file)) throw new Error(`no pool id: pass --pool-id, set DOCKET_USER_POOL_ID, or deploy with --outputs-file cdk-outputs.json (${file} is missing)`);
  const outputs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const stack = stage === 'prod' ? 'Docket' : `Docket-${stage}`;
  const id = outputs[stack]?.UserPoolId;
  if (!id) throw new Error(`${file} has no UserPoolId output for stack ${stack}`);
  return id;
}

export async function addUser(user: NewUser & { poolId: string }, client = new CognitoIdentityProviderClient({ region: process.env.AWS_REGION ?? user.poolId.split('_')[0] })) {
  const attributes = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    ...(user.nationality ? [{ Name: user.group === 'state' ? 'custom:state' : 'custom:nationality', Value: user.nationality }] : []),
    ...(user.commissionerId ? [{ Name: 'custom:commissionerId', Value: user.commissionerId }] : []),
  ];
  let created = true;
  try {
    // Cognito emails the temporary password (the pool's invitation message).
    await client.send(new AdminCreateUserCommand({ UserPoolId: user.poolId, Username: user.email, UserAttributes: attributes, DesiredDeliveryMediums: ['EMAIL'] }));
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    created = false;
    await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: user.poolId, Username: user.email, UserAttributes: attributes }));
  }
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: user.poolId, Username: user.email, GroupName: user.group }));
  return { created };
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  try {
    const user = parseArgs(process.argv.slice(2));
    const poolId = user.poolId ?? poolIdFromOutputs(resolve('cdk-outputs.json'), user.stage);
    const { created } = await addUser({ ...user, poolId });
    console.log(
      created
        ? `Created ${user.email} in ${user.group} (pool ${poolId}). Cognito has emailed a temporary password; at the first sign-in they choose a password and set up an authenticator app.`
        : `${user.email} already existed: attributes updated and added to ${user.group} (pool ${poolId}).`,
    );
  } catch (error) {
    console.error(`users:add: ${(error as Error).message}`);
    process.exit(1);
  }
}
