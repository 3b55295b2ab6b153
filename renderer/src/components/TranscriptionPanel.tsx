import type { OpenAiStatus } from '../../../shared/transcription.js';
import { useApp } from '../store-context.js';
import { OpenAiKeyForm } from './OpenAiKeyForm.js';
import { TranscriptionSettingsForm } from './TranscriptionSettingsForm.js';

const DEFAULT_API = 'https://api.openai.com/v1';

const RESULT_LABEL = { ok: 'Connection OK', rejected: 'Key rejected', unreachable: 'OpenAI unreachable' } as const;

/** The key (masked), where it comes from, and the API address when it is not OpenAI's own. */
function KeyStatus({ status }: { status: OpenAiStatus }) {
  const where = status.origin === 'env' ? 'OPENAI_API_KEY' : 'the OS keychain';
  return (
    <dl className="twilio-account" data-testid="openai-key-status">
      <dt>Key</dt>
      <dd className="mono">{status.maskedKey ?? 'not set'}</dd>
      <dt>From</dt>
      <dd>{where}</dd>
      {status.apiBaseUrl !== DEFAULT_API && (
        <>
          <dt>API</dt>
          <dd className="mono" title={status.apiBaseUrl} data-testid="openai-api-url">
            {status.apiBaseUrl}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The Transcription section of the sidebar: OpenAI key, connection test and transcription settings. */
export function TranscriptionPanel() {
  const status = useApp((s) => s.openai);
  const test = useApp((s) => s.openaiTest);
  const testing = useApp((s) => s.openaiTesting);
  const testOpenAi = useApp((s) => s.testOpenAi);
  const clear = useApp((s) => s.clearOpenAiKey);

  if (status === null) {
    return (
      <section className="sidebar-section twilio-panel" data-testid="transcription-panel" aria-labelledby="transcription-title">
        <h2 id="transcription-title" className="sidebar-title">Transcription (OpenAI)</h2>
        <p className="muted small">Loading…</p>
      </section>
    );
  }

  const keychain = status.origin === 'safeStorage';
  return (
    <section className="sidebar-section twilio-panel" data-testid="transcription-panel" aria-labelledby="transcription-title">
      <h2 id="transcription-title" className="sidebar-title">Transcription (OpenAI)</h2>
      <KeyStatus status={status} />
      {status.configError !== null && (
        <p className="twilio-problem" data-testid="openai-problem">
          {status.configError}
        </p>
      )}
      {/* In env mode the store problem is the explanation of where the key comes from, not a fault. */}
      {status.storeProblem !== null && (
        <p className={keychain ? 'twilio-problem' : 'twilio-help'} data-testid={keychain ? 'openai-problem' : 'openai-env-help'}>
          {status.storeProblem}
        </p>
      )}
      {keychain && status.storeProblem === null && !status.configured && <OpenAiKeyForm />}
      {keychain && status.configured && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void clear()}>
          Forget key
        </button>
      )}
      <button type="button" className="btn btn-small" data-testid="openai-test" disabled={!status.configured || testing} onClick={() => void testOpenAi()}>
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      {test !== null && (
        <p className={`twilio-test-result result-${test.result}`} data-testid="openai-test-result" data-result={test.result} role="status">
          <strong>{RESULT_LABEL[test.result]}</strong> {test.message}
        </p>
      )}
      <TranscriptionSettingsForm settings={status.settings} />
    </section>
  );
}
