// One Powertools Logger per process. Log objects as keys; never personal data of
// participants, attendees or votes (test/int/privacy checks this).
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'docket' });

/** For functions outside the HTTP stack (which uses injectLambdaContext): cold start,
 * function and request id on every log line of this invocation. */
export function logContext(context: Context | undefined): void {
  if (context) logger.addContext(context);
}
