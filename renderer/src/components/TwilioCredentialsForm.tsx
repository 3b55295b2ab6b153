import { useState, type FormEvent } from 'react';
import { useApp } from '../store-context.js';

type Kind = 'auth-token' | 'api-key';

/** Enters Account SID + Auth Token, or an API key, to keep in the OS keychain (Electron). */
export function TwilioCredentialsForm() {
  const save = useApp((s) => s.saveTwilioCredentials);
  const saving = useApp((s) => s.twilioSaving);
  const [kind, setKind] = useState<Kind>('auth-token');
  const [accountSid, setAccountSid] = useState('');
  const [authToken, setAuthToken] = useState('');
  const [apiKeySid, setApiKeySid] = useState('');
  const [apiKeySecret, setApiKeySecret] = useState('');

  const complete = accountSid.trim() !== '' && (kind === 'auth-token' ? authToken !== '' : apiKeySid.trim() !== '' && apiKeySecret !== '');

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!complete) return;
    const input =
      kind === 'auth-token'
        ? { accountSid: accountSid.trim(), authToken }
        : { accountSid: accountSid.trim(), apiKeySid: apiKeySid.trim(), apiKeySecret };
    // Secrets leave the form as soon as they are stored; a refused entry stays for correction.
    void save(input).then((ok) => {
      if (!ok) return;
      setAuthToken('');
      setApiKeySecret('');
    });
  };

  return (
    <form className="twilio-form" data-testid="twilio-credentials-form" onSubmit={submit}>
      <fieldset className="twilio-kind">
        <legend className="field-label">Sign in with</legend>
        <label className="checkbox">
          <input type="radio" name="twilio-kind" checked={kind === 'auth-token'} onChange={() => setKind('auth-token')} />
          Auth Token
        </label>
        <label className="checkbox">
          <input type="radio" name="twilio-kind" checked={kind === 'api-key'} onChange={() => setKind('api-key')} />
          API key
        </label>
      </fieldset>
      <label className="field-label" htmlFor="twilio-account-sid">
        Account SID
      </label>
      <input id="twilio-account-sid" className="input" placeholder="AC…" spellCheck={false} autoComplete="off" value={accountSid} onChange={(e) => setAccountSid(e.target.value)} />
      {kind === 'auth-token' ? (
        <>
          <label className="field-label" htmlFor="twilio-auth-token">
            Auth Token
          </label>
          <input id="twilio-auth-token" className="input" type="password" autoComplete="off" value={authToken} onChange={(e) => setAuthToken(e.target.value)} />
        </>
      ) : (
        <>
          <label className="field-label" htmlFor="twilio-key-sid">
            API Key SID
          </label>
          <input id="twilio-key-sid" className="input" placeholder="SK…" spellCheck={false} autoComplete="off" value={apiKeySid} onChange={(e) => setApiKeySid(e.target.value)} />
          <label className="field-label" htmlFor="twilio-key-secret">
            API Key Secret
          </label>
          <input id="twilio-key-secret" className="input" type="password" autoComplete="off" value={apiKeySecret} onChange={(e) => setApiKeySecret(e.target.value)} />
        </>
      )}
      <button type="submit" className="btn btn-primary" disabled={saving || !complete}>
        {saving ? 'Saving…' : 'Save credentials'}
      </button>
    </form>
  );
}
