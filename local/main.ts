// npm start: the whole of Docket on one machine. See README "Configuration".
import { startLocal } from './server';
import { devUsers } from './users';

const started = Date.now();
const runtime = await startLocal({
  port: Number(process.env.PORT ?? 3000),
  now: process.env.DOCKET_NOW,
  buildFrontend: true,
}).catch((error: Error) => {
  console.error(`\nDocket could not start: ${error.message}\n`);
  process.exit(1);
});

console.log(`
Docket is ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${runtime.url}
  data:      ${process.env.DOCKET_IN_MEMORY === '1' ? 'in memory (lost on exit)' : runtime.dataDir}
  dynamodb:  ${runtime.ddbEndpoint}
  seeded:    ${Object.entries(runtime.seeded).map(([k, v]) => `${k} +${v}`).join(', ')}
  clock:     ${process.env.DOCKET_NOW ? `simulated, started at ${process.env.DOCKET_NOW}` : 'real time'}
  sign in at ${runtime.url}/#/signin or POST /api/dev/login { "email" } as:
${devUsers.map((u) => `    ${u.email.padEnd(32)} ${u.groups.join(',')}${u.commissionerId ? ` (${u.commissionerId})` : ''}`).join('\n')}
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Docket and DynamoDB Local…`);
    await runtime.stop();
    process.exit(0);
  });
}
