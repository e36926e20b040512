// The HTTP section's load generator (issue 17), run as its own process so the server's
// event loop is not shared with autocannon: one run against `url`, printed as one JSON
// line. Only 2xx answers are counted as served; any other status is an error.
import autocannon from 'autocannon';

const { url, connections, seconds } = JSON.parse(process.argv[2] ?? '{}') as { url: string; connections: number; seconds: number };
const r = await autocannon({ url, connections, duration: seconds });
const ok = r['2xx'];
process.stdout.write(
  `${JSON.stringify({
    okPerSec: ok / (r.duration || seconds),
    answers: r.requests.total,
    ok,
    non2xx: r.non2xx,
    transportErrors: r.errors + r.timeouts,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
  })}\n`,
);
