import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import {
  confirmUpload,
  discardUpload,
  MAX_UPLOAD_BYTES,
  pendingUpload,
  pendingUploads,
  previewImport,
  stageUpload,
} from '../../services/import-upload.js';
import { ImportPage } from '../../web/pages/import.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { STATUS_OF } from '../errors.js';
import { page } from '../render.js';
import { requireEditor, valid } from '../validate.js';

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;
const UploadForm = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{24}$/) });

/*
 * Upload, preview, then confirm or discard. A previewed file waits in the archive database (not in memory), so a
 * restart between preview and confirmation loses nothing; the import page lists a secretary's waiting uploads.
 */
export function importRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const options = { clock: deps.clock };
  const form = async (view: AppEnv['Variables']['view'], userId: string, extra: { error?: string } = {}) => (
    <ImportPage view={view} maxMb={MAX_MB} pending={await pendingUploads(deps.store, userId, options)} {...extra} />
  );

  app.get('/import', async (c) => {
    const view = c.get('view');
    const user = requireEditor(view);
    return page(c, await form(view, user.id));
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
      const token = await stageUpload(deps.store, { bytes, name }, user.id, options);
      return page(c, <ImportPage view={view} maxMb={MAX_MB} preview={{ token, name, document }} />);
    } catch (error) {
      // The parser's refusals (wrong type, zip bomb, no text) are shown on the form, with the right status.
      if (!isAppError(error)) throw error;
      return page(c, await form(view, user.id, { error: error.message }), STATUS_OF[error.code]);
    }
  });

  /** Shows a waiting upload's preview again (read anew from the stored file). */
  app.post('/import/visa', async (c) => {
    const view = c.get('view');
    const user = requireEditor(view);
    const { token } = valid(UploadForm, c.get('form'));
    const upload = await pendingUpload(deps.store, token, user.id, options);
    if (!upload) return page(c, await form(view, user.id, { error: view.t('import.expired') }), 410);
    const document = await previewImport(upload.bytes, upload.name);
    return page(c, <ImportPage view={view} maxMb={MAX_MB} preview={{ token, name: upload.name, document }} />);
  });

  app.post('/import/bekrafta', async (c) => {
    const view = c.get('view');
    const user = requireEditor(view);
    const { token } = valid(UploadForm, c.get('form'));
    try {
      const result = await confirmUpload(deps.store, token, user, options);
      return c.redirect(`/moten/${result.meetingId}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'not-found') throw error;
      return page(c, await form(view, user.id, { error: view.t('import.expired') }), 410);
    }
  });

  app.post('/import/kasta', async (c) => {
    const view = c.get('view');
    const user = requireEditor(view);
    const { token } = valid(UploadForm, c.get('form'));
    await discardUpload(deps.store, token, user, options);
    return c.redirect('/import', 303);
  });
}
