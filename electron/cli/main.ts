import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/paths.js';
import { appVersion } from '../core/version.js';
import { runCalls, runImport, runServe, runShow, type CliContext } from './commands.js';
import { runAnalyze } from './analyze-command.js';
import { runExport } from './export-command.js';
import { runJobs, runTranscribe, runWorker } from './jobs-command.js';
import { runSearch } from './search-command.js';
import { runSyncTwilio } from './sync-command.js';
import { runTimeline } from './timeline-command.js';

const USAGE = `Usage: callreview [--data-dir DIR] <command> [options]

Commands:
  import <dir...> [--json] [--no-watch]   add folders of call recordings and import them
  calls [--json]                          list calls
  show <call> [--json]                    show one call (id or external id)
  timeline <call> [--json]                a call's activity timeline (groups, children by time)
  serve [--port N] [--no-watch]           start browser mode on 127.0.0.1
  sync twilio [--since YYYY-MM-DD] [--json]
                                          download new Twilio recordings (credentials from
                                          TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN or
                                          TWILIO_API_KEY/TWILIO_API_SECRET; TWILIO_API_BASE_URL)
  transcribe <call...> | --missing [--model M] [--language xx|auto] [--prompt TEXT]
             [--temperature T] [--words] [--wait] [--json]
                                          queue transcriptions (OPENAI_API_KEY, OPENAI_BASE_URL);
                                          --missing: every call without a transcript;
                                          --wait: run them here until done
  analyze <call...> [--model M] [--wait] [--json]
                                          queue an LLM analysis of each call's active
                                          transcript (OPENAI_API_KEY, OPENAI_BASE_URL)
  worker [--json]                         run queued jobs until the queue is empty
  jobs [--state S] [--json]               list jobs (newest first)
  search <query...> [--json] [--limit N] [--offset N] [--order relevance|newest]
         [--all-versions] [--no-analysis] | --rebuild
                                          search transcripts and analyses (query language:
                                          README "Search"); --rebuild remakes the indexes
  export <call...> --format txt|json|srt|vtt|csv|pdf|wav [--format ...] [--out PATH]
         [--redact] [--overwrite] [--all-versions] [--no-speakers] [--no-timestamps] [--json]
                                          export calls (formats repeat or take a comma list);
                                          one call + a file path writes that file; several
                                          calls or a folder also write index.csv; existing
                                          files are kept unless --overwrite

Options:
  --data-dir DIR   library folder (default: $CALLREVIEW_DATA_DIR or ${defaultDataDir({})})
  -h, --help       this help
  -v, --version    print the version

Exit codes: 0 ok, 1 some items had problems (listed), 2 usage error.`;

/** Thrown for bad command lines; exits 2 with the message and usage. */
export class UsageError extends Error {}

/** Parses argv and runs one command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        since: { type: 'string' },
        state: { type: 'string' },
        model: { type: 'string' },
        language: { type: 'string' },
        prompt: { type: 'string' },
        temperature: { type: 'string' },
        words: { type: 'boolean', default: false },
        missing: { type: 'boolean', default: false },
        wait: { type: 'boolean', default: false },
        'no-watch': { type: 'boolean', default: false },
        limit: { type: 'string' },
        offset: { type: 'string' },
        order: { type: 'string' },
        'all-versions': { type: 'boolean', default: false },
        'no-analysis': { type: 'boolean', default: false },
        rebuild: { type: 'boolean', default: false },
        format: { type: 'string', multiple: true },
        out: { type: 'string' },
        redact: { type: 'boolean', default: false },
        overwrite: { type: 'boolean', default: false },
        'no-speakers': { type: 'boolean', default: false },
        'no-timestamps': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const ctx: CliContext = { dataDir: values['data-dir'] ?? defaultDataDir(), json: values.json, watch: !values['no-watch'] };
  try {
    switch (command) {
      case 'import':
        if (rest.length === 0) return usage('import needs at least one folder');
        return await runImport(ctx, rest);
      case 'calls':
        if (rest.length > 0) return usage('calls takes no arguments');
        return runCalls(ctx);
      case 'show':
        if (rest.length !== 1) return usage('show takes exactly one call id');
        return await runShow(ctx, rest[0]!);
      case 'timeline':
        if (rest.length !== 1) return usage('timeline takes exactly one call id');
        return runTimeline(ctx, rest[0]!);
      case 'serve': {
        if (rest.length > 0) return usage('serve takes no arguments');
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be a number from 0 to 65535, not ${values.port}`);
        return await runServe(ctx, port);
      }
      case 'sync':
        if (rest.length !== 1 || rest[0] !== 'twilio') return usage('sync takes one source: twilio');
        if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) return usage(`--since must be YYYY-MM-DD, not ${values.since}`);
        return await runSyncTwilio(ctx, values.since);
      case 'transcribe': {
        if (values.missing === (rest.length > 0)) return usage('transcribe takes call ids or --missing (not both)');
        const { model, language, prompt, temperature, words, missing, wait } = values;
        return await runTranscribe(ctx, rest, { model, language, prompt, temperature, words, missing, wait });
      }
      case 'analyze':
        if (rest.length === 0) return usage('analyze needs at least one call id');
        return await runAnalyze(ctx, rest, { wait: values.wait, model: values.model });
      case 'worker':
        if (rest.length > 0) return usage('worker takes no arguments');
        return await runWorker(ctx);
      case 'search': {
        const { limit, offset, order, rebuild } = values;
        return runSearch(ctx, rest, { limit, offset, order, rebuild, allVersions: values['all-versions'], noAnalysis: values['no-analysis'] });
      }
      case 'export': {
        if (rest.length === 0) return usage('export needs at least one call id');
        const { format, out, redact, overwrite } = values;
        return await runExport(ctx, rest, { format, out, redact, overwrite, allVersions: values['all-versions'], noSpeakers: values['no-speakers'], noTimestamps: values['no-timestamps'] });
      }
      case 'jobs':
        if (rest.length > 0) return usage('jobs takes no arguments');
        return runJobs(ctx, values.state);
      default:
        return usage(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    process.stderr.write(`callreview: ${(err as Error).message}\n`);
    return 1;
  }
}

function usage(message: string): number {
  process.stderr.write(`callreview: ${message}\n\n${USAGE}\n`);
  return 2;
}
