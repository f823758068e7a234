import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './client';

export type Loadable<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/**
 * Runs `load` whenever `key` changes and keeps only the latest answer. A result is shown only
 * for the key it was loaded for, so after a filter change the old numbers are never on screen,
 * not even for one frame. `key === null` skips loading.
 */
export function useLoad<T>(key: string | null, load: (fresh: boolean) => Promise<T>): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<{ key: string | null; nonce: number; result: Loadable<T> }>({ key: null, nonce: 0, result: { status: 'loading' } });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load(nonce > 0).then(
      (data) => live && setState({ key, nonce, result: { status: 'ready', data } }),
      (e: unknown) => live && setState({ key, nonce, result: { status: 'error', error: e instanceof ApiError ? e : new ApiError(-1, String(e)) } }),
    );
    return () => {
      live = false;
    };
    // `load` is recreated every render; `key` and `nonce` say when the request really changes.
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = state.key === key && state.nonce === nonce ? state.result : ({ status: 'loading' } as const);
  return { ...current, reload };
}
