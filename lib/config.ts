// One typed configuration per stage, read from CDK context (`-c key=value`) by bin/.
// `dev` (the default) needs nothing: the site is served on its CloudFront domain. `prod`
// refuses to synthesize until it has everything a real deployment needs, and says which
// values are missing, all at once.
export interface StageConfig {
  /** Names the stack (`Docket-<stage>`; prod is plain `Docket`) and the sign-in domain. */
  stage: string;
  /** Protects and retains tables and the user pool. */
  production: boolean;
  /** The site's own domain name (docket.example.org); without it, the CloudFront domain. */
  siteDomain?: string;
  /** ACM certificate for siteDomain, in us-east-1 (CloudFront's region). */
  certificateArn?: string;
  /** The sender of every email; its domain must be a verified SES identity. */
  mailFrom: string;
  /** An existing CloudFront (us-east-1) AWS WAF web ACL to attach. */
  webAclId?: string;
  /** Prefix of the Cognito managed-login domain (<prefix>.auth.<region>.amazoncognito.com). */
  authDomainPrefix?: string;
}

export class ConfigurationError extends Error {}

/** The sender used when a non-production stage gives none (mail then fails to send, visibly). */
export const PLACEHOLDER_SENDER = 'audiencias@example.org';

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CERTIFICATE = /^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;
// Cognito refuses prefixes that contain these words.
const AUTH_PREFIX = /^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Reads a stage's configuration; `context` is `(key) => app.node.tryGetContext(key)`. */
export function stageConfig(context: (key: string) => unknown): StageConfig {
  const text = (key: string): string | undefined => {
    const value = context(key);
    return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
  };
  const stage = text('stage') ?? 'dev';
  const production = stage === 'prod';
  // siteOrigin (https://docket.example.org) is accepted for the domain, as earlier versions took it.
  const origin = text('siteOrigin');
  const siteDomain = text('siteDomain') ?? (origin ? origin.replace(/^https:\/\//, '').replace(/\/$/, '') : undefined);
  const certificateArn = text('certificateArn');
  const mailFrom = text('mailFrom');
  const authDomainPrefix = text('authDomainPrefix');

  const missing: string[] = [];
  const invalid: string[] = [];
  if (!STAGE.test(stage)) invalid.push(`stage "${stage}" (lowercase letters, digits and hyphens, starting with a letter)`);
  if (production) {
    if (!siteDomain) missing.push('siteDomain (the site\'s domain name, e.g. -c siteDomain=docket.example.org)');
    if (!certificateArn) missing.push('certificateArn (an ACM certificate for that domain in us-east-1, e.g. -c certificateArn=arn:aws:acm:us-east-1:…)');
    if (!mailFrom) missing.push('mailFrom (the sender address, its domain verified in SES, e.g. -c mailFrom=audiencias@example.org)');
  } else {
    if (siteDomain && !certificateArn) missing.push('certificateArn (siteDomain needs a certificate for it, in us-east-1)');
    if (certificateArn && !siteDomain) missing.push('siteDomain (certificateArn is for a domain: name it)');
  }
  if (siteDomain && !DOMAIN.test(siteDomain)) invalid.push(`siteDomain "${siteDomain}" (a domain name such as docket.example.org)`);
  if (certificateArn && !CERTIFICATE.test(certificateArn)) invalid.push(`certificateArn "${certificateArn}" (an ACM certificate ARN in us-east-1, as CloudFront requires)`);
  if (mailFrom && !EMAIL.test(mailFrom)) invalid.push(`mailFrom "${mailFrom}" (an email address)`);
  if (authDomainPrefix && !AUTH_PREFIX.test(authDomainPrefix)) invalid.push(`authDomainPrefix "${authDomainPrefix}" (lowercase letters, digits, hyphens; no "aws", "amazon" or "cognito")`);
  if (missing.length || invalid.length) {
    const lines = [
      `Docket stage "${stage}" cannot be deployed:`,
      ...missing.map((m) => `  missing ${m}`),
      ...invalid.map((i) => `  invalid ${i}`),
      'See README, "Deploy to AWS".',
    ];
    throw new ConfigurationError(lines.join('\n'));
  }
  return {
    stage,
    production,
    siteDomain,
    certificateArn,
    mailFrom: mailFrom ?? PLACEHOLDER_SENDER,
    webAclId: text('webAclId'),
    authDomainPrefix,
  };
}

export const stackNameOf = (config: Pick<StageConfig, 'stage'>) => (config.stage === 'prod' ? 'Docket' : `Docket-${config.stage}`);
