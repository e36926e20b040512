// npm run verify-audit -- <ballotId>
// Recomputes a ballot's audit hash chain from the E-Vote table and reports every entry
// that was edited, removed or reordered. Needs EVOTE_TABLE (and DYNAMODB_ENDPOINT for
// DynamoDB Local, e.g. http://127.0.0.1:<port> printed by npm start; AWS credentials
// otherwise). Exit code 0 when intact, 1 when tampered, 2 on usage errors.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.EVOTE_TABLE ??= 'docket-evote';

const ballotId = process.argv.slice(2).find((a) => a !== '--');
if (!ballotId) {
  console.error('usage: npm run verify-audit -- <ballotId>');
  process.exit(2);
}
const { verifyBallotAudit } = await import('../functions/evote/verify');
try {
  const report = await verifyBallotAudit(ballotId);
  if (report.ok) {
    console.log(`ballot ${ballotId}: audit chain intact, ${report.entries} entries, head seq ${report.head.seq} ${report.head.hash}`);
    process.exit(0);
  }
  console.log(`ballot ${ballotId}: audit chain TAMPERED (${report.problems.length} problem(s) in ${report.entries} entries)`);
  for (const p of report.problems) console.log(`  entry #${p.index} (seq ${p.seq ?? '?'}): ${p.kind}`);
  process.exit(1);
} catch (error) {
  console.error(`could not verify ${ballotId}: ${(error as Error).message}`);
  process.exit(2);
}

export {};
