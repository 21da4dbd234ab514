import type { paths } from '../../api/schema.ts';

/** The types of the outgoing screens, all taken from the generated API types (never written by hand). */
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type OutgoingDocument = Json<paths['/documents/outgoing']['post']['responses'][201]>;
export type NewDraft = Json<paths['/documents/outgoing']['post']['requestBody']>;
export type DraftChanges = Json<paths['/documents/{id}/draft']['put']['requestBody']>;
export type Recipient = NonNullable<NewDraft['recipients']>[number];
export type Agency = Json<paths['/agencies']['get']['responses'][200]>['items'][number];
export type Person = Json<paths['/users']['get']['responses'][200]>['items'][number];
export type DocumentFile = Json<paths['/documents/{id}/files/{fileId}']['get']['responses'][200]>;
export type ListedFile = Json<paths['/documents/{id}/files']['get']['responses'][200]>['items'][number];
export type Delivery = Json<paths['/documents/{id}/deliveries']['get']['responses'][200]>['items'][number];
export type PreparedSigning = Json<paths['/documents/{id}/signatures/prepare']['post']['responses'][201]>;
export type CompletedSigning = Json<paths['/documents/{id}/signatures/{signingId}/complete']['post']['responses'][200]>;
export type SignatureCompletion = Json<paths['/documents/{id}/signatures/{signingId}/complete']['post']['requestBody']>;
export type IssueBody = NonNullable<Json<paths['/documents/{id}/issue']['post']['requestBody']>>;
export type AnyDocument = Json<paths['/documents/{id}']['get']['responses'][200]>;

/** The outgoing document a detail page holds, when it is one. */
export function asOutgoing(document: { readonly id: string; readonly direction?: unknown }): OutgoingDocument | undefined {
  return document.direction === 'outgoing' ? (document as unknown as OutgoingDocument) : undefined;
}
