// Cognito post-confirmation trigger: an organisation that signs itself up becomes an
// `applicant`, and nothing more. Staff (secretariat, commissioners) are created by an
// administrator with their group and attributes; self sign-up can never reach them.
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, PostConfirmationTriggerEvent } from 'aws-lambda';
import { logContext, logger } from '../shared/logger';

const cognito = new CognitoIdentityProviderClient({});

export async function handler(event: PostConfirmationTriggerEvent, context?: Context): Promise<PostConfirmationTriggerEvent> {
  logContext(context);
  if (event.triggerSource === 'PostConfirmation_ConfirmSignUp') {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: 'applicant' }));
    logger.info('applicant signed up', { userPoolId: event.userPoolId });
  }
  return event;
}
