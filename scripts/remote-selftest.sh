#!/usr/bin/env bash
# Exercises the remote-suite mode (test/support/target.ts) without AWS: starts Docket
# with `npm start` on a free port, as a stage would run, writes the dev users' ID tokens
# (from its dev sign-in) to a token file, and runs the given suites (default: the
# authorization matrix) with DOCKET_TARGET_URL pointing at it. Stops what it started.
#   scripts/remote-selftest.sh [test files…]
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
work=$(mktemp -d /tmp/docket-remote-XXXXXX)
# The per-client registration limit stays off, as in the local test runs.
PORT=$port DOCKET_IN_MEMORY=1 DOCKET_RATE_LIMIT_PER_MINUTE=0 npm start >"$work/start.log" 2>&1 &
started=$!
cleanup() { kill -TERM "$started" 2>/dev/null || true; wait "$started" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# localhost, as the runtime names its own origin (CORS allows that origin only).
url="http://localhost:$port"
for _ in $(seq 1 600); do
  grep -q "Docket is ready" "$work/start.log" && break
  kill -0 "$started" 2>/dev/null || { cat "$work/start.log"; exit 1; }
  sleep 1
done
grep -q "Docket is ready" "$work/start.log" || { echo "npm start did not become ready"; exit 1; }
URL=$url OUT="$work/tokens.json" node --input-type=module -e '
  import { writeFileSync } from "node:fs";
  const users = (await (await fetch(`${process.env.URL}/api/dev/users`)).json()).items;
  const tokens = {};
  for (const { email } of users) {
    const res = await fetch(`${process.env.URL}/api/dev/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
    tokens[email] = (await res.json()).token;
  }
  writeFileSync(process.env.OUT, JSON.stringify(tokens));
'
DOCKET_TARGET_URL=$url DOCKET_TARGET_TOKENS="$work/tokens.json" npx vitest run --project int "${@:-test/int/authz.int.test.ts}"
