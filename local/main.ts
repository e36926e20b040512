// npm start: the whole of Docket on one machine. See README "Configuration".
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
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
  s3:        ${runtime.s3.endpoint} (s3rver; malware scan stubbed as clean: no GuardDuty locally)
  seeded:    ${Object.entries(runtime.seeded).map(([k, v]) => `${k} +${v}`).join(', ')}
  clock:     ${process.env.DOCKET_NOW ? `simulated, started at ${process.env.DOCKET_NOW}` : 'real time'}
  sign in at ${runtime.url}/#/signin or POST /api/dev/login { "email" } as:
${devUsers.filter((u) => !u.state).map((u) => `    ${u.email.padEnd(32)} ${u.groups.join(',')}${u.commissionerId ? ` (${u.commissionerId})` : ''}`).join('\n')}
    state.<code>@example.org         state (one per OAS member State: state.co, state.mx, …)
Press Ctrl-C to stop.`);

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping Docket and DynamoDB Local…`);
  await runtime.stop();
  // An in-memory run keeps its mail drop in a temporary directory: nothing to keep.
  if (process.env.DOCKET_IN_MEMORY === '1') rmSync(runtime.dataDir, { recursive: true, force: true });
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

// Ctrl-C signals every process of the terminal's group, but SIGTERM to `npm start` stops
// only npm and its shell: the signal is not passed on, and this process (under tsx) would
// keep DynamoDB Local running on its port. So also stop when a process that launched us
// (tsx, the shell, npm: up to the nearest npm) has gone.
function launchers(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    chain.push(pid);
    const probe = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' });
    const match = /^(\d+)\s+(.*)$/.exec((probe.stdout ?? '').trim());
    if (!match || /\bnpm\b/.test(match[2])) break;
    pid = Number(match[1]);
  }
  return chain;
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
const watched = launchers();
setInterval(() => {
  if (watched.some((pid) => !alive(pid))) void stop('launcher gone');
}, 1_000).unref();
