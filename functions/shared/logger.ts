// One Powertools Logger per process. Log objects as keys; never personal data of
// participants, attendees or votes (test/int/privacy checks this).
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'docket' });
