import { Layout } from '../components/layout.js';
import type { MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

/** The error page: what happened in words a reader can act on; never a stack trace. */
export function ErrorPage(props: { view: View; status: number; csrf?: boolean; detail?: string | null }) {
  const { view } = props;
  const known = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503];
  const key = (props.csrf ? 'error.csrf' : `error.${known.includes(props.status) ? props.status : 500}`) as MessageKey;
  return (
    <Layout view={view} title={view.t('error.title')}>
      <h1>{view.t('error.title')}</h1>
      <p>{view.t(key)}</p>
      {props.detail ? <p>{view.t('error.detail', { message: props.detail })}</p> : null}
      {props.status === 401 ? (
        <p>
          <a href={`/logga-in?next=${encodeURIComponent(view.path)}`}>{view.t('auth.signIn')}</a>
        </p>
      ) : null}
      <p>
        <a href="/">{view.t('error.back')}</a>
      </p>
    </Layout>
  );
}
