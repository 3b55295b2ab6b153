import type { TwilioStatus } from '../../../shared/twilio-types.js';
import { formatDateTime } from '../format-date.js';
import { useApp } from '../store-context.js';
import { syncRunning } from '../twilio-slice.js';
import { maskSid } from '../twilio-format.js';
import { TwilioCredentialsForm } from './TwilioCredentialsForm.js';
import { TwilioSettingsForm } from './TwilioSettingsForm.js';
import { TwilioSyncStatus } from './TwilioSyncStatus.js';

const DEFAULT_API = 'https://api.twilio.com';

const RESULT_LABEL = { ok: 'Connection OK', rejected: 'Credentials rejected', unreachable: 'Twilio unreachable' } as const;

/** Account, where its credentials live, the API address when unusual, and the last sync. */
function Account({ status }: { status: TwilioStatus }) {
  const kind = status.credentialKind === 'api-key' ? 'API key' : 'Auth Token';
  const where = status.origin === 'env' ? 'environment variables' : 'the OS keychain';
  return (
    <dl className="twilio-account" data-testid="twilio-account">
      <dt>Account</dt>
      <dd className="mono">{status.accountSid !== null ? maskSid(status.accountSid) : 'not set'}</dd>
      <dt>Credentials</dt>
      <dd>{status.configured ? `${kind} from ${where}` : `none (${status.origin === 'env' ? 'environment' : 'OS keychain'})`}</dd>
      {status.apiBaseUrl !== DEFAULT_API && (
        <>
          <dt>API</dt>
          <dd className="mono" title={status.apiBaseUrl} data-testid="twilio-api-url">
            {status.apiBaseUrl}
          </dd>
        </>
      )}
      <dt>Last sync</dt>
      <dd data-testid="twilio-last-sync">{status.lastSyncAt !== null ? formatDateTime(status.lastSyncAt) : 'never'}</dd>
    </dl>
  );
}

/** How to configure Twilio in CLI and browser mode, where credentials come only from the environment. */
function EnvHelp() {
  return (
    <p className="twilio-help" data-testid="twilio-env-help">
      Set <code>TWILIO_ACCOUNT_SID</code> with <code>TWILIO_AUTH_TOKEN</code> (or <code>TWILIO_API_KEY</code> and <code>TWILIO_API_SECRET</code>) before starting
      CallReview; in this mode credentials are read from the environment and never stored.
    </p>
  );
}

/** The Twilio section of the sidebar: account, credentials, connection test, sync and settings. */
export function TwilioPanel() {
  const status = useApp((s) => s.twilio);
  const test = useApp((s) => s.twilioTest);
  const testing = useApp((s) => s.twilioTesting);
  const running = useApp(syncRunning);
  const testTwilio = useApp((s) => s.testTwilio);
  const syncTwilio = useApp((s) => s.syncTwilio);
  const clear = useApp((s) => s.clearTwilioCredentials);

  if (status === null) {
    return (
      <section className="sidebar-section twilio-panel" data-testid="twilio-panel" aria-labelledby="twilio-title">
        <h2 id="twilio-title" className="sidebar-title">Twilio</h2>
        <p className="muted small">Loading…</p>
      </section>
    );
  }

  const keychain = status.origin === 'safeStorage';
  // In env mode storeProblem only says "credentials are not stored here", which EnvHelp already explains.
  const problems = [status.configError, keychain ? status.storeProblem : null].filter((p) => p !== null);

  return (
    <section className="sidebar-section twilio-panel" data-testid="twilio-panel" aria-labelledby="twilio-title">
      <h2 id="twilio-title" className="sidebar-title">Twilio</h2>
      <Account status={status} />
      {problems.map((p) => (
        <p key={p} className="twilio-problem" data-testid="twilio-problem">
          {p}
        </p>
      ))}
      {!status.configured && !keychain && <EnvHelp />}
      {!status.configured && keychain && status.storeProblem === null && <TwilioCredentialsForm />}
      {keychain && (status.configured || status.configError !== null) && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void clear()}>
          Forget credentials
        </button>
      )}
      <div className="twilio-actions">
        <button type="button" className="btn btn-small" data-testid="twilio-test" disabled={!status.configured || testing} onClick={() => void testTwilio()}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" className="btn btn-small btn-primary" data-testid="twilio-sync" disabled={!status.configured || running} onClick={() => void syncTwilio()}>
          {running ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      {test !== null && (
        <p className={`twilio-test-result result-${test.result}`} data-testid="twilio-test-result" data-result={test.result} role="status">
          <strong>{RESULT_LABEL[test.result]}</strong> {test.message}
        </p>
      )}
      <TwilioSyncStatus />
      {status.configured && <TwilioSettingsForm settings={status.settings} />}
    </section>
  );
}
