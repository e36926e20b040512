// How many cases a property test runs. The counts in the tests are sized so the unit tier
// stays fast (seconds); fast-check draws a new seed every run, so coverage accumulates
// over runs. For a deep run, scale them: DOCKET_PROPERTY_SCALE=10 npm run test:unit.
const scale = Number(process.env.DOCKET_PROPERTY_SCALE ?? '1');
if (!(scale > 0)) throw new Error(`DOCKET_PROPERTY_SCALE must be a positive number, not ${process.env.DOCKET_PROPERTY_SCALE}`);

export const runs = (base: number) => Math.max(1, Math.round(base * scale));
