// Sign-in: a Cognito user pool with the groups applicant, secretariat, commissioner and
// the custom attributes nationality and commissionerId. Only applicants sign themselves
// up (the post-confirmation trigger puts them in `applicant`); the web client cannot
// write the custom attributes, so nobody can make themselves a commissioner.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ROLES } from '../functions/shared/auth';
import type { DocketFunction } from './function';
import { nagAccount, nagRegion } from './nag';

export class Auth extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: { production: boolean; postConfirmation?: DocketFunction }) {
    super(scope, id);
    this.pool = new UserPool(this, 'Users', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
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
      },
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      lambdaTriggers: props.postConfirmation ? { postConfirmation: props.postConfirmation.fn } : undefined,
    });
    for (const role of ROLES) new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.pool.userPoolId, groupName: role });

    const standard = { email: true, fullname: true, locale: true };
    this.client = this.pool.addClient('Web', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes().withStandardAttributes(standard).withCustomAttributes('nationality', 'commissionerId'),
      writeAttributes: new ClientAttributes().withStandardAttributes(standard),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
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
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.pool.userPoolId}`;
  }
}
