import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, apiGet, setToken } from '../api/client';
import type { DemoSession } from '../api/types';
import { translate, type Lang } from '../i18n/messages';
import { normaliseMe } from './session';

/**
 * Token sign-in; in demo mode (the demo sessions route answers) also a role picker. A token
 * is accepted only after `/api/v1/me` confirms it.
 */
export function SignIn({ lang, notice, onSignedIn }: { lang: Lang; notice: string | null; onSignedIn: () => void }) {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, k, v);
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoSession[] | null>(null);

  useEffect(() => {
    let live = true;
    apiGet<DemoSession[]>('/v1/demo/sessions', {}, { probe: true }).then(
      (s) => live && Array.isArray(s) && setDemo(s),
      () => live && setDemo(null),
    );
    return () => {
      live = false;
    };
  }, []);

  async function tryToken(token: string) {
    setBusy(true);
    setError(null);
    setToken(token);
    try {
      normaliseMe(await apiGet<unknown>('/v1/me', {}, { fresh: true, probe: true }));
      onSignedIn();
    } catch (e) {
      setToken(null);
      const message = e instanceof ApiError ? (e.status === 0 ? t('errorNetwork') : e.message) : String(e);
      setError(t('signInFailed', { message }));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (value.trim()) void tryToken(value.trim());
  }

  return (
    <div className="signin">
      <h1>{t('signInTitle')}</h1>
      {notice && (
        <p className="status error" role="alert">
          {notice}
        </p>
      )}
      <section aria-labelledby={`${id}-token`} className="card">
        <h2 id={`${id}-token`}>{t('tokenLabel')}</h2>
        <p>{t('signInIntro')}</p>
        <form onSubmit={submit}>
          <label htmlFor={`${id}-input`}>{t('tokenLabel')}</label>
          <input
            id={`${id}-input`}
            type="password"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={error ? `${id}-error` : undefined}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" disabled={busy}>
            {t('signInButton')}
          </button>
        </form>
        <div aria-live="polite">
          {error && (
            <p id={`${id}-error`} className="status error">
              {error}
            </p>
          )}
        </div>
      </section>
      {demo && demo.length > 0 && (
        <section aria-labelledby={`${id}-demo`} className="card demo">
          <h2 id={`${id}-demo`}>{t('demoTitle')}</h2>
          <p>{t('demoIntro')}</p>
          <ul className="role-picker">
            {demo.map((s) => (
              <li key={s.token}>
                <button type="button" data-role={s.role} data-region={s.region ?? ''} disabled={busy} onClick={() => void tryToken(s.token)}>
                  {t('demoPick', { label: s.label })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
