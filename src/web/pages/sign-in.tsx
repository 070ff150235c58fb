import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../components/layout.js';
import type { View } from '../view.js';

export function SignInPage(props: { view: View; next: string; error?: 'failed' | 'tooMany'; name?: string }) {
  const { view } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t('auth.signIn')}>
      <h1>{t('auth.signIn')}</h1>
      <p>{t('auth.intro')}</p>
      {props.error ? (
        <p class="notice error" role="alert">
          {t(props.error === 'failed' ? 'auth.failed' : 'auth.tooMany')}
        </p>
      ) : null}
      <form method="post" action="/logga-in">
        <CsrfField view={view} />
        <input type="hidden" name="next" value={props.next} />
        <div class="field">
          <label for="name">{t('auth.name')}</label>
          <input type="text" id="name" name="name" autocomplete="username" required value={props.name ?? ''} />
        </div>
        <p />
        <div class="field">
          <label for="password">{t('auth.password')}</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </div>
        <p>
          <button type="submit">{t('auth.signIn')}</button>
        </p>
      </form>
    </Layout>
  );
}
