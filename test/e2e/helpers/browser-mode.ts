import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for paths to the build and the fixtures. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The built CLI that `npm run build` writes. */
export const cliPath = join(repoRoot, 'dist', 'cli', 'callreview.js');

const READY = /CallReview is running at (http:\/\/127\.0\.0\.1:\d+)\/login\?token=(\S+)/;

/** A running `callreview serve` on its own data folder. */
export interface BrowserModeServer {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  origin: string;
  /** The full sign-in URL the server printed. */
  loginUrl: string;
  token: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
}

/** Waits for a child to exit, killing it hard if it ignores SIGTERM. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** How to start browser mode; everything has a default. */
export interface BrowserModeOptions {
  /** Extra environment variables for the server (e.g. TWILIO_* pointing at a fake), applied last. */
  env?: Record<string, string>;
  /** How long to wait for the server to print its URL. */
  timeoutMs?: number;
}

/** Credentials the server must never pick up from the developer's shell; tests set them explicitly. */
const SCRUBBED_ENV = {
  OPENAI_API_KEY: '',
  TWILIO_ACCOUNT_SID: '',
  TWILIO_AUTH_TOKEN: '',
  TWILIO_API_KEY: '',
  TWILIO_API_SECRET: '',
  TWILIO_API_BASE_URL: '',
};

/** Starts browser mode on a fresh temp data folder and resolves once it printed its URL. */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserModeServer> {
  const { env = {}, timeoutMs = 30_000 } = options;
  if (!existsSync(cliPath)) throw new Error(`${cliPath} does not exist: run \`npm run build\` first.`);
  const dataDir = await mkdtemp(join(tmpdir(), 'callreview-e2e-'));
  const child = spawn(process.execPath, [cliPath, '--data-dir', dataDir, 'serve', '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Keep real keys out of a test server.
    env: { ...process.env, ...SCRUBBED_ENV, ...env },
  });
  let log = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (log += chunk));

  const stop = async (): Promise<void> => {
    await terminate(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser mode printed no URL within ${timeoutMs} ms`)), timeoutMs);
      child.stdout.on('data', (chunk: string) => {
        log += chunk;
        const m = READY.exec(log);
        if (m !== null) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`browser mode exited early (code ${String(code)}, signal ${String(signal)})`));
      });
    });
    const [, origin = '', token = ''] = match;
    return { origin, token, loginUrl: `${origin}/login?token=${token}`, dataDir, output: () => log, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${log}`, { cause: err });
  }
}
