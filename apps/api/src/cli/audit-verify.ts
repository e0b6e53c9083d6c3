import { ConfigError, loadConfig } from '@app/config';
import { type ChainReport, createDataSource, verifyAuditChain } from '@app/persistence';

const USAGE = `usage: npm run audit:verify [-- --stale-after-seconds N] [--anchor SEQ:HASH ...] [--json]

Walks the audit hash chain by seq, recomputes every HMAC with AUDIT_CHAIN_KEY and reports the first broken link.
Exit codes: 0 chain intact, 1 tampering found, 2 could not check (configuration, connection, usage).
--anchor checks a head recorded earlier outside the database (the worker logs "audit rows sealed" with headSeq / headHash).`;

/** `npm run audit:verify`: reads DATABASE_URL and AUDIT_CHAIN_KEY; never changes anything. */
async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const config = loadConfig();
  const db = await createDataSource(config.DATABASE_URL, { poolSize: 1, applicationName: 'relieftrace-audit-verify' }).initialize();
  try {
    const report = await verifyAuditChain(db, config.AUDIT_CHAIN_KEY, { staleAfterSeconds: args.staleAfterSeconds, anchors: args.anchors });
    if (args.json) console.log(JSON.stringify(report, null, 2));
    else print(report, args.staleAfterSeconds);
    return report.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

function print(report: ChainReport, staleAfterSeconds: number): void {
  const log = (line: string) => console.log(`[audit:verify] ${line}`);
  log(`sealed rows: ${report.sealedRows}, last seq ${report.lastSeq}; head seq ${report.head.seq} (${report.head.hash.slice(0, 16)}…, ${report.head.updatedAt})`);
  log(`unsealed rows: ${report.unsealedRows}${report.oldestUnsealedAt ? `, oldest ${report.oldestUnsealedAt}` : ''}`);
  if (report.staleUnsealedRows > 0) {
    log(`WARNING: ${report.staleUnsealedRows} unsealed row(s) older than ${staleAfterSeconds} s: is the worker's sealer running? Unsealed rows are not yet tamper-evident.`);
  }
  if (report.ok) {
    log('OK: every seal matches; no row was edited, deleted or reordered');
    return;
  }
  log(`TAMPERING: ${report.problems.length} problem(s); first broken link: ${report.problems[0].message}`);
  for (const p of report.problems.slice(1, 20)) log(`  also: ${p.message}`);
  if (report.problems.length > 20) log(`  … and ${report.problems.length - 20} more`);
}

function parseArgs(argv: string[]): { staleAfterSeconds: number; anchors: Array<{ seq: string; hash: string }>; json: boolean } {
  const out = { staleAfterSeconds: 300, anchors: [] as Array<{ seq: string; hash: string }>, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') out.json = true;
    else if (arg === '--stale-after-seconds' && /^\d{1,9}$/.test(argv[i + 1] ?? '')) out.staleAfterSeconds = Number(argv[++i]);
    else if (arg === '--anchor' && /^[1-9]\d{0,17}:[0-9a-fA-F]{64}$/.test(argv[i + 1] ?? '')) {
      const [seq, hash] = argv[++i].split(':');
      out.anchors.push({ seq, hash });
    } else throw new UsageError(`unknown or incomplete argument "${arg}"`);
  }
  return out;
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else console.error(error instanceof ConfigError ? error.message : `[audit:verify] could not check the chain: ${(error as Error).message ?? error}`);
    process.exit(2);
  },
);
