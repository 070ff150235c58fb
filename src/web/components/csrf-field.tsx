import type { View } from '../view.js';

/** The hidden token every form carries; POSTs without it are refused. */
export function CsrfField(props: { view: View }) {
  return <input type="hidden" name="_csrf" value={props.view.csrf} />;
}
