import type { Delivery } from '#domain/deliveries/delivery';
import type { DeliveryStore } from '#domain/deliveries/store';
import type { Page } from '#domain/documents/store';
import type { SecretCipher } from '#domain/webhook-keys/cipher';
import type { WebhookEndpoint } from '#domain/webhook-keys/endpoint';
import type { WebhookKey } from '#domain/webhook-keys/key';
import type { OutboundDelivery, OutboxMessage } from '#domain/webhook-keys/outbound';
import type { TransportResult, WebhookPorts, WebhookStore } from '#domain/webhook-keys/ports';
import type { ClaimOutcome, StoredResponse, WebhookReceipt } from '#domain/webhook-keys/receipt';
import { defaultRetryPolicy } from '#domain/webhook-keys/retry-policy';

/**
 * In-memory stand-ins for the webhook and delivery ports, with the same conditional-write semantics as
 * the DynamoDB adapters (create once, versioned replace), for unit tests of the use cases.
 */
export class MemoryDeliveryStore implements DeliveryStore {
  readonly items = new Map<string, Delivery>();
  /** Versions to report as lost races, once each. */
  readonly conflicts: number[] = [];

  async create(delivery: Delivery): Promise<'created' | 'exists'> {
    const key = `${delivery.documentId}|${delivery.recipient.organId}`;
    if (this.items.has(key)) return 'exists';
    this.items.set(key, delivery);
    return 'created';
  }
  async get(documentId: string, recipientOrgId: string): Promise<Delivery | undefined> {
    return this.items.get(`${documentId}|${recipientOrgId}`);
  }
  async listByDocument(documentId: string): Promise<readonly Delivery[]> {
    return [...this.items.values()].filter((d) => d.documentId === documentId);
  }
  async findByEdxmlId(edxmlDocumentId: string, recipientOrgId: string): Promise<readonly Delivery[]> {
    return [...this.items.values()].filter((d) => d.edxmlDocumentId === edxmlDocumentId && d.recipient.organId === recipientOrgId);
  }
  async save(next: Delivery, expectedVersion: number): Promise<'saved' | 'conflict'> {
    const conflict = this.conflicts.indexOf(expectedVersion);
    if (conflict >= 0) {
      this.conflicts.splice(conflict, 1);
      return 'conflict';
    }
    const current = await this.get(next.documentId, next.recipient.organId);
    if (current?.version !== expectedVersion) return 'conflict';
    this.items.set(`${next.documentId}|${next.recipient.organId}`, next);
    return 'saved';
  }
}

export class MemoryWebhookStore implements WebhookStore {
  readonly keys = new Map<string, WebhookKey>();
  readonly endpoints = new Map<string, WebhookEndpoint>();
  readonly receipts = new Map<string, WebhookReceipt>();
  readonly arrivals = new Map<string, string>();
  readonly outbound = new Map<string, OutboundDelivery>();

  async putKey(key: WebhookKey): Promise<void> {
    this.keys.set(`${key.organId}|${key.keyId}`, key);
  }
  async listKeys(organId: string): Promise<readonly WebhookKey[]> {
    return [...this.keys.values()].filter((k) => k.organId === organId);
  }
  async getKey(organId: string, keyId: string): Promise<WebhookKey | undefined> {
    return this.keys.get(`${organId}|${keyId}`);
  }
  async revokeKey(organId: string, keyId: string, revoked: { at: string; by: { sub: string; name: string } }): Promise<WebhookKey | undefined> {
    const key = this.keys.get(`${organId}|${keyId}`);
    if (key?.status !== 'active') return key;
    const next: WebhookKey = { ...key, status: 'revoked', revokedAt: revoked.at, revokedBy: revoked.by };
    this.keys.set(`${organId}|${keyId}`, next);
    return next;
  }
  async getEndpoint(organId: string): Promise<WebhookEndpoint | undefined> {
    return this.endpoints.get(organId);
  }
  async saveEndpoint(endpoint: WebhookEndpoint, expectedVersion: number): Promise<'saved' | 'conflict'> {
    if ((this.endpoints.get(endpoint.organId)?.version ?? 0) !== expectedVersion) return 'conflict';
    this.endpoints.set(endpoint.organId, endpoint);
    return 'saved';
  }
  async getReceipt(organId: string, webhookId: string): Promise<WebhookReceipt | undefined> {
    return this.receipts.get(`${organId}|${webhookId}`);
  }
  async claimReceipt(receipt: WebhookReceipt): Promise<ClaimOutcome> {
    const existing = this.receipts.get(`${receipt.organId}|${receipt.webhookId}`);
    if (existing !== undefined) return { kind: 'exists', receipt: existing };
    this.receipts.set(`${receipt.organId}|${receipt.webhookId}`, receipt);
    return { kind: 'claimed' };
  }
  async completeReceipt(organId: string, webhookId: string, bodyHash: string, response: StoredResponse, at: string): Promise<void> {
    const receipt = this.receipts.get(`${organId}|${webhookId}`);
    if (receipt?.bodyHash !== bodyHash) throw new Error('ConditionalCheckFailedException');
    this.receipts.set(`${organId}|${webhookId}`, { ...receipt, status: 'done', response, completedAt: at });
  }
  async claimArrival(organId: string, webhookId: string, addressee: string, documentId: string): Promise<string> {
    const key = `${organId}|${webhookId}|${addressee}`;
    const existing = this.arrivals.get(key);
    if (existing !== undefined) return existing;
    this.arrivals.set(key, documentId);
    return documentId;
  }
  async createOutbound(entry: OutboundDelivery): Promise<'created' | 'exists'> {
    if (this.outbound.has(`${entry.organId}|${entry.id}`)) return 'exists';
    this.outbound.set(`${entry.organId}|${entry.id}`, entry);
    return 'created';
  }
  async getOutbound(organId: string, id: string): Promise<OutboundDelivery | undefined> {
    return this.outbound.get(`${organId}|${id}`);
  }
  async saveOutbound(next: OutboundDelivery, expectedVersion: number): Promise<'saved' | 'conflict'> {
    if (this.outbound.get(`${next.organId}|${next.id}`)?.version !== expectedVersion) return 'conflict';
    this.outbound.set(`${next.organId}|${next.id}`, next);
    return 'saved';
  }
  async listOutbound(organId: string): Promise<Page<OutboundDelivery>> {
    return { items: [...this.outbound.values()].filter((e) => e.organId === organId).reverse() };
  }
}

/** A cipher that marks instead of encrypting; enough where encryption is not what is tested. */
export const markingCipher: SecretCipher = {
  encrypt: async (plaintext, context) => `test:${context.organId}:${context.keyId}:${Buffer.from(plaintext).toString('base64')}`,
  decrypt: async (ciphertext) => Buffer.from(ciphertext.split(':').pop() ?? '', 'base64'),
};

export interface FakeWebhooks extends WebhookPorts {
  readonly store: MemoryWebhookStore;
  readonly queued: { message: OutboxMessage; delaySeconds: number }[];
  readonly posted: { url: string; headers: Readonly<Record<string, string>>; body: Uint8Array }[];
}

/** Webhook ports over memory: queued messages and posted requests are recorded; `answers` script the receiver. */
export function fakeWebhooks(answers: TransportResult[] = [], overrides: Partial<Omit<WebhookPorts, 'store'>> = {}): FakeWebhooks {
  const queued: FakeWebhooks['queued'] = [];
  const posted: FakeWebhooks['posted'] = [];
  return {
    store: new MemoryWebhookStore(),
    cipher: markingCipher,
    outbox: { enqueue: async (message, delaySeconds = 0) => void queued.push({ message, delaySeconds }) },
    transport: {
      post: async (request) => {
        posted.push(request);
        return answers.shift() ?? { statusCode: 200, durationMs: 5 };
      },
    },
    retryPolicy: defaultRetryPolicy,
    allowLoopbackEndpoints: false,
    random: () => 0.5,
    queued,
    posted,
    ...overrides,
  };
}
