// Global setup for the tiers that need DynamoDB Local (see vitest.config.ts).
import { dynamo } from './global-setup';

export const setup = dynamo;
