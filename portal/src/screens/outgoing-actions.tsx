import type { components } from '../api/schema.ts';

type Document = Record<string, unknown> & { readonly id: string };

/**
 * The actions on an outgoing document (submit, send back, approve and sign, issue, revoke…), shown on its
 * detail page. Filled in by the outgoing screens.
 */
export function OutgoingActions(_props: { readonly document: Document; readonly reload: () => void; readonly problem?: components['schemas']['Problem'] }) {
  return null;
}
