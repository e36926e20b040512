// Sign-in: a Cognito user pool with the groups applicant, secretariat, commissioner, state
// and the custom attributes nationality, commissionerId and state. Only applicants sign themselves
// up (the post-confirmation trigger puts them in `applicant`); the web client cannot
// write the custom attributes, so nobody can make themselves a commissioner. The site
// signs in through Cognito's managed login (a user-pool domain) with the authorization
// code flow and PKCE, the only OAuth flow the web client allows.
//
// MFA: Cognito's MFA setting is pool-wide, and nothing in a token or a trigger says which
// factor was used, so "TOTP for staff only" cannot be enforced soundly per group (a
// pre-token check could refuse staff without TOTP, but they could then never sign in to
// enrol it). The pool therefore REQUIRES TOTP for everyone: managed login walks each
// user through enrolling an authenticator app at the first sign-in, staff created by
// `npm run users:add` and applicants who signed themselves up (after verifying their
// email) alike. Names of witnesses and votes of commissioners sit behind these accounts.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolGroup,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ROLES } from '../functions/shared/auth';
import type { DocketFunction } from './function';
import { nagAccount, nagRegion } from './nag';

/** The scopes the site asks for (frontend/src/auth.ts reads them from /config.json). */
export const SITE_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

/**
 * Where managed login lives. Built from the prefix, not from the domain resource, so the
 * site's CSP can name it without making CloudFront depend on the pool (the pool's
 * trigger function knows the site's origin: that would be a cycle).
 */
export const authDomainOrigin = (stack: Stack, prefix: string) => `https://${prefix}.auth.${stack.region}.amazoncognito.com`;
/** The origin of a pool's issuer (discovery and JWKS live there). */
export const issuerOrigin = (stack: Stack) => `https://cognito-idp.${stack.region}.amazonaws.com`;

export interface AuthProps {
  production: boolean;
  postConfirmation?: DocketFunction;
  /** The site's origin (https://…, no trailing slash): the only callback and sign-out URL. */
  siteOrigin: string;
  /** Prefix of the managed-login domain; unique in the region. */
  domainPrefix: string;
}

export class Auth extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.pool = new UserPool(this, 'Users', {
      userPoolName: `Docket-${Stack.of(this).stackName}`,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      userVerification: {
        emailStyle: VerificationEmailStyle.CODE,
        emailSubject: 'Docket — CIDH / IACHR: código de verificación / verification code',
        emailBody: 'Docket — CIDH / IACHR. Su código de verificación / Your verification code / Seu código de verificação / Votre code de vérification: {####}',
      },
      userInvitation: {
        emailSubject: 'Docket — CIDH / IACHR: su cuenta / your account',
        emailBody:
          'Docket — CIDH / IACHR. Usuario / Username: {username} — Contraseña temporal / Temporary password: {####}. ' +
          'Al entrar se le pedirá una contraseña nueva y una aplicación de autenticación (TOTP). / You will be asked for a new password and an authenticator app (TOTP).',
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Names of witnesses and votes of commissioners sit behind these accounts.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        nationality: new StringAttribute({ minLen: 2, maxLen: 2, mutable: true }),
        commissionerId: new StringAttribute({ minLen: 1, maxLen: 16, mutable: true }),
        // The OAS member State (ISO code) a user of the `state` group speaks for (issue 16).
        state: new StringAttribute({ minLen: 2, maxLen: 2, mutable: true }),
      },
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      lambdaTriggers: props.postConfirmation ? { postConfirmation: props.postConfirmation.fn } : undefined,
    });
    for (const role of ROLES) new UserPoolGroup(this, `Group-${role}`, { userPool: this.pool, groupName: role, description: `Docket ${role}` });

    const standard = { email: true, fullname: true, locale: true };
    this.client = this.pool.addClient('Web', {
      userPoolClientName: 'Docket',
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // The code grant only (with PKCE, which the site always sends): no implicit flow,
      // no client credentials; back to the site's own origin and nowhere else.
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: SITE_SCOPES,
        callbackUrls: [`${props.siteOrigin}/`],
        logoutUrls: [`${props.siteOrigin}/`],
      },
      readAttributes: new ClientAttributes().withStandardAttributes(standard).withCustomAttributes('nationality', 'commissionerId', 'state'),
      writeAttributes: new ClientAttributes().withStandardAttributes(standard),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // The site renews with the refresh token while it lives: one sign-in a working day.
      refreshTokenValidity: Duration.hours(12),
    });

    // Managed login (the newer version, with TOTP enrolment and self sign-up) on a
    // Cognito-hosted domain, in Cognito's default style for the Docket client.
    this.domain = this.pool.addDomain('Login', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.pool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    if (props.postConfirmation) {
      // A separate policy, not the function's default one: the pool depends on the
      // function (trigger), so the function must not depend on the pool's ARN.
      const stack = Stack.of(this);
      new Policy(this, 'SignupMayAddToApplicantGroup', {
        statements: [
          new PolicyStatement({
            actions: ['cognito-idp:AdminAddUserToGroup'],
            resources: [stack.formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' })],
          }),
        ],
      }).attachToRole(props.postConfirmation.role);
      Validations.of(this.node.findChild('SignupMayAddToApplicantGroup')).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:${nagRegion(stack)}:${nagAccount(stack)}:userpool/*]`,
        reason: "The pool's own ARN would make a dependency cycle (the pool triggers this function); the action is only AdminAddUserToGroup and the code adds to `applicant` only.",
      });
    }
  }

  get issuer(): string {
    return `${issuerOrigin(Stack.of(this))}/${this.pool.userPoolId}`;
  }

  /** Cognito's sign-out endpoint (it has no OpenID end_session_endpoint). */
  get logoutUrl(): string {
    return `${this.domain.baseUrl()}/logout`;
  }
}
