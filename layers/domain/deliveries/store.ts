import type { Delivery } from './delivery.ts';

/**
 * The deliveries port (docs/DATA.md: `DOC#<id>` / `DELIVERY#<recipientOrgId>`, gsi2
 * `DELIVERY#<edxml DocumentId>` / `<recipientOrgId>`); the DynamoDB adapter implements it.
 */
export interface DeliveryStore {
  /** Writes a new delivery; `exists` (nothing written) when the document already has one for that recipient. */
  create(delivery: Delivery): Promise<'created' | 'exists'>;
  get(documentId: string, recipientOrgId: string): Promise<Delivery | undefined>;
  /** Every delivery of a document, by recipient code. */
  listByDocument(documentId: string): Promise<readonly Delivery[]>;
  /**
   * The deliveries a status package may report on: its edXML DocumentId and the recipient that reports.
   * More than one is a collision of printed identities (app/deliveries/status-target.ts makes it loud).
   */
  findByEdxmlId(edxmlDocumentId: string, recipientOrgId: string): Promise<readonly Delivery[]>;
  /** Writes the next version if the stored one is still `expectedVersion`. */
  save(next: Delivery, expectedVersion: number): Promise<'saved' | 'conflict'>;
}
