/** Runs the `callreview` CLI's main() in this process against a data folder, capturing what it prints. */
import { vi } from 'vitest';
import { main } from '../../electron/cli/main.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `callreview --data-dir <dataDir> <args…>` in-process with stdout and stderr captured. */
export async function runCliInProcess(dataDir: string, args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main(['--data-dir', dataDir, ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
