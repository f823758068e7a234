import type { ApiError } from '../api/client';
import { useApp } from '../app/context';

/** What went wrong, in words a user can act on. */
export function errorText(error: ApiError, t: ReturnType<typeof useApp>['t']): string {
  if (error.status === 0) return t('errorNetwork');
  if (error.status === 401) return t('errorUnauthorized');
  if (error.status === 403) return t('errorForbidden', { message: error.message });
  if (error.status === 404) return t('errorNotFound', { message: error.message });
  if (error.status === 400) return t('errorBadRequest', { message: error.message });
  return t('errorStatus', { status: error.status, message: error.message });
}

export function Loading({ what }: { what: string }) {
  const { t } = useApp();
  return (
    <p className="status loading">
      <span className="spinner" aria-hidden="true" />
      {t('loadingWhat', { what })}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useApp();
  return (
    <div className="status error" role="alert">
      <p>
        <strong>{t('errorTitle')}.</strong> {errorText(error, t)}
      </p>
      {onRetry && error.status !== 401 && error.status !== 403 && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
