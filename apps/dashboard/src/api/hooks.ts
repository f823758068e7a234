import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './client';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

/**
 * Runs `load` whenever `key` changes and keeps only the latest answer, so a quick change of
 * filters never shows an older response over a newer one. `key === null` skips loading.
 */
export function useLoad<T>(key: string | null, load: (fresh: boolean) => Promise<T>): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState({ status: 'loading' });
    load(nonce > 0).then(
      (data) => live && setState({ status: 'ready', data }),
      (e: unknown) => live && setState({ status: 'error', error: e instanceof ApiError ? e : new ApiError(-1, String(e)) }),
    );
    return () => {
      live = false;
    };
    // `load` is recreated every render; `key` says when the request really changes.
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
