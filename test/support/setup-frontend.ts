// Global setup for the tiers that need the built frontend (see vitest.config.ts).
import { frontend } from './global-setup';

export const setup = frontend;
