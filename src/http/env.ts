import type { View } from '../web/view.js';

/** Values the middleware puts on the context for the routes. */
export interface AppEnv {
  Variables: {
    view: View;
    /** The parsed form of a POST, read once by the CSRF check. */
    form: Record<string, string | File | (string | File)[]>;
  };
}
