import type { MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

/** An assignment's status, with "overdue" winning over "open". */
export function StatusBadge(props: { view: View; status: string; overdue?: boolean }) {
  const status = props.overdue ? 'overdue' : props.status;
  return <span class={`badge ${status}`}>{props.view.t(`status.${status}` as MessageKey)}</span>;
}

export function KindBadge(props: { view: View; kind: string }) {
  return <span class="badge kind">{props.view.t(`kind.${props.kind}` as MessageKey)}</span>;
}

export function ReferralBadge(props: { view: View; status: string }) {
  return <span class={`badge ${props.status}`}>{props.view.t(`referral.${props.status}` as MessageKey)}</span>;
}
