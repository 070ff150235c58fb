import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { confirmImport, MAX_UPLOAD_BYTES, previewImport } from '../../services/import-upload.js';
import { ImportPage } from '../../web/pages/import.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { STATUS_OF } from '../errors.js';
import { page } from '../render.js';
import { UploadStaging } from '../uploads.js';
import { requireEditor, valid } from '../validate.js';

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;
const ConfirmForm = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{24}$/) });

export function importRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const staging = new UploadStaging();

  app.get('/import', (c) => {
    const view = c.get('view');
    requireEditor(view);
    return page(c, <ImportPage view={view} maxMb={MAX_MB} />);
  });

  app.post('/import', async (c) => {
    const view = c.get('view');
    const user = requireEditor(view);
    const file = c.get('form').file;
    if (!(file instanceof File)) throw new AppError('invalid-input', 'Välj en fil att ladda upp.');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = file.name.split(/[/\\]/).pop()?.slice(0, 200) || 'protokoll';
    try {
      const document = await previewImport(bytes, name);
      const token = staging.put({ bytes, name }, user.id);
      return page(c, <ImportPage view={view} maxMb={MAX_MB} preview={{ token, name, document }} />);
    } catch (error) {
      // The parser's refusals (wrong type, zip bomb, no text) are shown on the form, with the right status.
      if (!isAppError(error)) throw error;
      return page(c, <ImportPage view={view} maxMb={MAX_MB} error={error.message} />, STATUS_OF[error.code]);
    }
  });

  app.post('/import/bekrafta', async (c) => {
    const view = c.get('view');
    const user = requireEditor(view);
    const { token } = valid(ConfirmForm, c.get('form'));
    const upload = staging.take(token, user.id);
    if (!upload) return page(c, <ImportPage view={view} maxMb={MAX_MB} error={view.t('import.expired')} />, 410);
    const result = await confirmImport(deps.store, upload, { actor: user.name, clock: deps.clock });
    return c.redirect(`/moten/${result.meetingId}`, 303);
  });
}
