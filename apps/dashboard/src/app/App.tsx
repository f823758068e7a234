import { Component, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ErrorInfo, type ReactNode } from 'react';
import { ApiError, getToken, setToken, setUnauthorizedHandler } from '../api/client';
import { useLoad } from '../api/hooks';
import { FreshnessLine } from '../components/Freshness';
import { ErrorMessage } from '../components/Status';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import { AppContext, makeT, useApp, type AppState } from './context';
import { FilterBar } from './FilterBar';
import { loadSession, type Session } from './session';
import { SignIn } from './SignIn';
import { formatHash, parseHash, type Filters, type Location } from './url-state';
import { viewsFor, type ViewDef } from './views';

const LANG_KEY = 'weegwijzer.lang';
/** The address the app was opened with: without a view in it, a regio user lands on its own region page. */
const ENTRY_HASH = typeof window === 'undefined' ? '' : window.location.hash;
let landed = false;

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/** The location from the hash, with the hash rewritten in its canonical form (same URL, same string). */
function readHash(): Location {
  const loc = parseHash(window.location.hash);
  const canonical = formatHash(loc);
  if (window.location.hash !== canonical) window.history.replaceState(null, '', canonical);
  return loc;
}

function useHashLocation(): [Location, (loc: Location, replace: boolean) => void] {
  const [loc, setLoc] = useState(readHash);
  useEffect(() => {
    const onChange = () => setLoc(readHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((next: Location, replace: boolean) => {
    const hash = formatHash(next);
    if (replace) window.history.replaceState(null, '', hash);
    else window.history.pushState(null, '', hash);
    setLoc(parseHash(hash));
  }, []);
  return [loc, go];
}

/** The skip link and the page header (brand left, the given tools right), signed in or not. */
function AppHeader({ t, children }: { t: (key: MessageKey) => string; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="app-name">{t('appName')}</span>
          <span className="tagline">{t('appTagline')}</span>
        </div>
        <div className="header-tools">{children}</div>
      </header>
    </>
  );
}

function skipToMain(e: { preventDefault: () => void }) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [signedIn, setSignedIn] = useState(() => getToken() !== null);
  // Every sign-in loads its own session (a new key), never the previous user's.
  const [sessionNo, setSessionNo] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [location, go] = useHashLocation();

  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(LANG_KEY, l);
    } catch {
      /* preference not kept */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setToken(null);
      setSignedIn(false);
      setNotice(translate(lang, 'errorUnauthorized'));
    });
    return () => setUnauthorizedHandler(null);
  }, [lang]);

  const session = useLoad<Session>(signedIn ? `session:${sessionNo}` : null, () => loadSession());
  const t = makeT(lang);

  const langToggle = (
    <button type="button" className="lang-toggle" lang={lang === 'nl' ? 'en' : 'nl'} aria-label={t('switchLanguageLabel')} onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}>
      {t('switchLanguage')}
    </button>
  );

  if (!signedIn || session.status === 'error') {
    return (
      <>
        <AppHeader t={t}>{langToggle}</AppHeader>
        <main id="main" tabIndex={-1}>
          {signedIn && session.status === 'error' && (
            <AppContextlessError message={t('errorTitle')} detail={session.error.message} retry={session.reload} retryLabel={t('retry')} />
          )}
          <SignIn
            lang={lang}
            notice={notice}
            onSignedIn={() => {
              setNotice(null);
              setSessionNo((n) => n + 1);
              setSignedIn(true);
            }}
          />
        </main>
      </>
    );
  }
  if (session.status === 'loading') {
    return (
      <main id="main" className="boot" aria-busy="true">
        <p className="status loading" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {t('loading')}
        </p>
      </main>
    );
  }

  const state: AppState = {
    lang,
    setLang,
    t,
    me: session.data.me,
    catalogue: session.data.catalogue,
    regions: session.data.regions,
    freshness: session.data.freshness,
    location,
    navigate: (change) => go({ ...location, ...change }, false),
    setFilters: (filters: Filters) => go({ ...location, filters }, true),
    setExtra: (key, value) => go({ ...location, extra: { ...location.extra, [key]: value } }, true),
    signOut: () => {
      setToken(null);
      setSignedIn(false);
    },
  };
  return (
    <AppContext.Provider value={state}>
      <Shell langToggle={langToggle} />
    </AppContext.Provider>
  );
}

function AppContextlessError({ message, detail, retry, retryLabel }: { message: string; detail: string; retry: () => void; retryLabel: string }) {
  return (
    <div className="status error" role="alert">
      <p>
        <strong>{message}.</strong> {detail}
      </p>
      <button type="button" onClick={retry}>
        {retryLabel}
      </button>
    </div>
  );
}

function Shell({ langToggle }: { langToggle: ReactNode }) {
  const { t, me, regions, location, signOut, navigate } = useApp();
  const views = viewsFor(me.role);
  const view: ViewDef = views.find((v) => v.id === location.view) ?? views[0];
  const pageRegion = view.id === 'regio' ? (location.region ?? (me.role === 'regio' ? me.region : null)) : null;
  const pageTitle = pageRegion ? t('regionPageTitle', { name: regions.find((r) => r.code === pageRegion)?.name ?? pageRegion }) : t(view.label);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${pageTitle} · ${t('appName')}`;
    // Move focus to the new view's heading so keyboard and screen-reader users land on it.
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [view.id, t, pageTitle]);

  useEffect(() => {
    if (landed || me.role !== 'regio' || /^#\/[a-z]/.test(ENTRY_HASH)) return;
    landed = true;
    navigate({ view: 'regio', region: me.region, extra: {} });
  }, []);

  const ownName = me.region ? (regions.find((r) => r.code === me.region)?.name ?? me.region) : null;
  const linkFilters = useMemo(() => location.filters, [location.filters]);
  const View = view.component;
  return (
    <>
      <AppHeader t={t}>
        <span className="who">
          {t('signedInAs')} <strong>{t(`role_${me.role}` as MessageKey)}</strong>
          {ownName ? ` · ${ownName}` : ''}
        </span>
        {langToggle}
        <button type="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </AppHeader>
      <nav className="main-nav no-print" aria-label={t('mainNav')}>
        <ul>
          {views.map((v) => (
            <li key={v.id}>
              <a
                href={formatHash({ view: v.id, region: v.id === 'regio' && me.role === 'regio' ? me.region : null, filters: linkFilters, extra: {} })}
                aria-current={v.id === view.id ? 'page' : undefined}
                data-view={v.id}
              >
                {t(v.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {view.filters && <FilterBar />}
      <FreshnessLine />
      {/* data-hash: the location this render shows (the browser tests wait for it). */}
      <main id="main" tabIndex={-1} data-hash={formatHash(location)}>
        <div className="view-head">
          <h1 ref={heading} tabIndex={-1}>
            {pageTitle}
          </h1>
          <button type="button" className="print-button no-print" onClick={() => window.print()}>
            {t('print')}
          </button>
        </div>
        {view.intro && <p className="view-intro">{t(view.intro)}</p>}
        <Suspense
          fallback={
            <p className="status loading" aria-live="polite">
              <span className="spinner" aria-hidden="true" />
              {t('loadingWhat', { what: t(view.label) })}
            </p>
          }
        >
          <ViewBoundary key={`${view.id}/${location.region ?? ''}`}>
            <View />
          </ViewBoundary>
        </Suspense>
      </main>
      <footer className="app-footer">
        <p>{t('footerText')}</p>
      </footer>
    </>
  );
}

/** A view that throws shows what happened instead of a blank page. */
class ViewBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (this.state.error) return <ErrorMessage error={new ApiError(-1, this.state.error.message)} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
