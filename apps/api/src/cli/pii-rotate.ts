import { ConfigError, loadConfig } from '@app/config';
import { createDataSource, FieldCipher, resealPatientIdentifiers } from '@app/persistence';

/**
 * `npm run pii:rotate [-- --batch-size=500]`: re-encrypts every patient identifier not under PII_ACTIVE_KEY_ID
 * and recomputes the blind indexes under PII_INDEX_KEY, in batches (one transaction each, rows locked).
 * Idempotent: run it again after an interruption. Key rotation: add the new key to PII_KEYS (keep the old one),
 * point PII_ACTIVE_KEY_ID at it, restart the api and worker, run this; drop the old key once it is no longer
 * listed as in use. Changing PII_INDEX_KEY: stop the api and worker (phone and MRN look-ups miss until the
 * indexes are recomputed), run this, start them again.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(`[pii:rotate] ${line}`);
  const sizeArg = process.argv.find((a) => a.startsWith('--batch-size='));
  const batchSize = sizeArg ? Number(sizeArg.slice('--batch-size='.length)) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new ConfigError(['--batch-size must be a whole number from 1 to 10000']);
  const cipher = FieldCipher.fromConfig(config);
  const db = await createDataSource(config.DATABASE_URL, { poolSize: 1, applicationName: 'relieftrace-pii-rotate' }).initialize();
  try {
    log(`re-encrypting patient identifiers under key "${cipher.activeKeyId}" (batches of ${batchSize})`);
    const result = await resealPatientIdentifiers(db, cipher, { only: 'all', batchSize, log });
    log(`done: ${result.scanned} patients checked, ${result.rewritten} rewritten (${result.reencrypted} values re-encrypted, ` +
      `${result.encryptedFromClear} encrypted from clear, ${result.reindexed} re-indexed)`);
    log(`key ids in use: ${result.keyIdsInUse.length > 0 ? result.keyIdsInUse.join(', ') : 'none (no patients)'}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
