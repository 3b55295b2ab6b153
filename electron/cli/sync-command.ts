import type { SyncReport } from '../../shared/twilio-types.js';
import { createCore } from '../core/app-core.js';
import { parseSinceDay } from '../core/library/twilio/twilio-service.js';
import type { CliContext } from './commands.js';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** `sync twilio`: downloads new recordings with progress on stderr and a summary; exit 1 when any failed, 2 for a bad --since. */
export async function runSyncTwilio(ctx: CliContext, since: string | undefined): Promise<number> {
  // A day that does not exist (2024-13-01, 2024-02-30) is a usage error like a malformed one.
  if (since !== undefined && !parseSinceDay(since)) {
    process.stderr.write(`callreview: --since must be a real date (YYYY-MM-DD), not ${since}\n`);
    return 2;
  }
  const core = createCore(ctx.dataDir, { log: (m) => process.stderr.write(`${m}\n`) });
  const tty = process.stderr.isTTY && !ctx.json;
  const off = core.bus.onAny((event, p) => {
    if (tty && event === 'twilio:syncProgress' && 'bytes' in p) {
      process.stderr.write(`\rpage ${p.pages} · ${p.seen} seen · ${p.downloaded} downloaded · ${p.failed} failed · ${mb(p.bytes)} MB`);
    }
  });
  let report: SyncReport;
  try {
    report = await core.twilio.sync({ since });
  } catch (err) {
    if (tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(`callreview: sync stopped: ${(err as Error).message}\n`);
    return 1;
  } finally {
    off();
    core.close();
  }
  if (tty) process.stderr.write('\r\x1b[K');
  if (ctx.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    process.stdout.write(
      `${report.downloaded} downloaded, ${report.alreadyHad} already in the library, ${report.pending} still processing, ` +
        `${report.unavailable} unavailable, ${report.missing.length} missing, ${report.failed.length} failed ` +
        `(${report.seen} recordings on ${report.pages} pages, ${mb(report.bytes)} MB in ${(report.durationMs / 1000).toFixed(1)} s)\n`,
    );
    for (const f of [...report.missing, ...report.failed]) process.stderr.write(`failed: ${f.recordingSid} (call ${f.callSid ?? '—'}): ${f.message}\n`);
  }
  return report.failed.length + report.missing.length > 0 ? 1 : 0;
}
