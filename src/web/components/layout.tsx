import type { Child } from 'hono/jsx';
import { STYLE_URL } from '../assets/index.js';
import type { MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';
import { CsrfField } from './csrf-field.js';

const NAV: ReadonlyArray<{ href: string; key: MessageKey; editorOnly?: boolean }> = [
  { href: '/', key: 'nav.start' },
  { href: '/moten', key: 'nav.meetings' },
  { href: '/sok', key: 'nav.search' },
  { href: '/beslut', key: 'nav.decisions' },
  { href: '/uppdrag', key: 'nav.assignments' },
  { href: '/personer', key: 'nav.people' },
  { href: '/organisationer', key: 'nav.organisations' },
  { href: '/statistik', key: 'nav.stats' },
  { href: '/import', key: 'nav.import', editorOnly: true },
];

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** The address of this page in the other language. */
function switchHref(view: View): string {
  const params = new URLSearchParams(view.query);
  params.set('lang', view.lang === 'sv' ? 'en' : 'sv');
  return `${view.path}?${params}`;
}

/** The page frame: skip link, header with menu, account and language switch, main landmark, footer. */
export function Layout(props: { view: View; title: string; children?: Child }) {
  const { view } = props;
  const { t, user } = view;
  return (
    <html lang={view.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${t('app.name')}`}</title>
        <link rel="stylesheet" href={STYLE_URL} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('skip.main')}
        </a>
        <header class="site">
          <div class="site-inner">
            <div class="topbar">
              <a class="brand" href="/">
                {t('app.name')}
                <small>{t('app.tagline')}</small>
              </a>
              <div class="account">
                <a href={switchHref(view)} lang={view.lang === 'sv' ? 'en' : 'sv'}>
                  {t('lang.switch')}
                </a>
                {user ? (
                  <>
                    <span>{t('auth.signedInAs', { name: user.name, role: t(`role.${user.role}`) })}</span>
                    <form method="post" action="/logga-ut">
                      <CsrfField view={view} />
                      <button type="submit" class="linklike">
                        {t('auth.signOut')}
                      </button>
                    </form>
                  </>
                ) : (
                  <a href={`/logga-in?next=${encodeURIComponent(view.path)}`}>{t('auth.signIn')}</a>
                )}
              </div>
            </div>
            <nav class="main" aria-label={t('nav.label')}>
              <ul>
                {NAV.filter((n) => !n.editorOnly || view.editor).map((n) => (
                  <li>
                    <a href={n.href} aria-current={isCurrent(n.href, view.path) ? 'page' : undefined}>
                      {t(n.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          <div>{t('footer.text')}</div>
        </footer>
      </body>
    </html>
  );
}
