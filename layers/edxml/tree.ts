/**
 * Turns saxes events into a small element tree of everything *except* attachment payloads, enforcing the
 * limits and the namespace policy as elements open. Payload text (ContentTransferEncoded) never enters the
 * tree: it is handed to a {@link PayloadPort} as it streams.
 *
 * Namespace policy: QCVN 102's namespace is required, whatever the prefix; an element in no namespace at
 * all (a sender that forgot the declarations) is accepted with a warning; any other namespace is refused,
 * except inside the XML-DSig Signature, which lives in its own.
 */
import type { SaxesParser, SaxesTagNS, XMLDecl } from 'saxes';
import { EdxmlError } from './errors.ts';
import { EDXML_NAMESPACE } from './model.ts';
import type { WarningList } from './warnings.ts';

export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const PAYLOAD_ELEMENT = 'ContentTransferEncoded';
const BLANK = /^\s*$/;

export interface XmlNode {
  readonly name: string;
  readonly uri: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
  /** Set on a ContentTransferEncoded element once its payload has been streamed. */
  payloadIndex?: number;
}

/** Bounds applied while reading; see {@link DEFAULT_LIMITS}. */
export interface EdxmlLimits {
  /** Total input size in bytes (characters for string input). */
  readonly maxBytes: number;
  readonly maxDepth: number;
  /** Elements in the whole package. */
  readonly maxElements: number;
  readonly maxAttachments: number;
  /** Characters of one header text, and of any run of text or markup outside an attachment payload. */
  readonly maxFieldChars: number;
}

export const DEFAULT_LIMITS: EdxmlLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxDepth: 32,
  maxElements: 50_000,
  maxAttachments: 500,
  maxFieldChars: 100_000,
};

/** Where payload events go (implemented by ./payload.ts). */
export interface PayloadPort {
  open(index: number, attachment: XmlNode | undefined): void;
  write(text: string): void;
  close(): void;
}

/**
 * Where saxes resolves a prefix nobody declared (parse.ts): the SDK's own sample writes `xlink:href` on a
 * manifest Reference without declaring xlink. Such an attribute is ignored with a warning; an element with
 * an undeclared prefix is refused.
 */
export const UNBOUND_PREFIX_NAMESPACE = 'urn:vanthu:undeclared-prefix:';

export class TreeCollector {
  root: XmlNode | undefined;
  private readonly stack: XmlNode[] = [];
  private elements = 0;
  private attachments = 0;
  private signatureDepth = 0;
  private payloadOpen = false;
  private openedPayload = false;

  constructor(
    private readonly limits: EdxmlLimits,
    private readonly warnings: WarningList,
    private readonly payload: PayloadPort,
  ) {}

  attach(parser: SaxesParser<{ xmlns: true }>): void {
    parser.on('doctype', () => {
      throw new EdxmlError('doctype-forbidden', 'the package carries a <!DOCTYPE>; DTDs and entity declarations are never read');
    });
    parser.on('xmldecl', (decl: XMLDecl) => {
      if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
        throw new EdxmlError('unsupported-encoding', `declared encoding "${decl.encoding}"; only UTF-8 is accepted`);
      }
    });
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', () => this.close());
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
  }

  /** True once after the start tag of a payload element was read and the element is still open. */
  takeOpenedPayload(): boolean {
    const opened = this.openedPayload && this.payloadOpen;
    this.openedPayload = false;
    return opened;
  }

  private open(tag: SaxesTagNS): void {
    const depth = this.stack.length + 1;
    if (depth > this.limits.maxDepth) throw new EdxmlError('too-deep', `elements nest deeper than ${this.limits.maxDepth} levels`);
    this.elements += 1;
    if (this.elements > this.limits.maxElements) throw new EdxmlError('too-many-elements', `more than ${this.limits.maxElements} elements`);
    const uri = tag.uri;
    const name = tag.local;
    this.checkNamespace(name, uri);
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri.startsWith(UNBOUND_PREFIX_NAMESPACE)) {
        this.warnings.once('unbound-prefix', name, `the attribute ${attribute.name} on <${name}> uses the undeclared prefix "${attribute.prefix}" (ignored)`);
        continue;
      }
      if (attribute.uri !== 'http://www.w3.org/2000/xmlns/' && attribute.prefix !== 'xmlns') attributes[attribute.local] = attribute.value;
    }
    const node: XmlNode = { name, uri, attributes, children: [], text: '' };
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) this.root = node;
    else parent.children.push(node);
    this.stack.push(node);
    if (this.signatureDepth > 0 || name === 'Signature') this.signatureDepth += 1;
    else if (name === PAYLOAD_ELEMENT) this.openPayload(node, parent);
  }

  private close(): void {
    const node = this.stack.pop();
    if (this.signatureDepth > 0) this.signatureDepth -= 1;
    else if (node !== undefined && node.payloadIndex !== undefined && this.payloadOpen) {
      this.payloadOpen = false;
      this.payload.close();
    }
  }

  private text(text: string): void {
    const node = this.stack[this.stack.length - 1];
    if (node === undefined) return;
    if (this.payloadOpen) {
      this.payload.write(text);
      return;
    }
    // Indentation between the children of a container is not content: a pretty-printed list of thousands
    // of recipients must not add up to a "field too long".
    if (node.children.length > 0 && BLANK.test(text)) return;
    if (node.text.length + text.length > this.limits.maxFieldChars) {
      throw new EdxmlError('field-too-long', `<${node.name}> has more than ${this.limits.maxFieldChars} characters`);
    }
    node.text += text;
  }

  private openPayload(node: XmlNode, attachment: XmlNode | undefined): void {
    if (this.attachments >= this.limits.maxAttachments) throw new EdxmlError('too-many-elements', `more than ${this.limits.maxAttachments} attachments`);
    node.payloadIndex = this.attachments;
    this.attachments += 1;
    this.payloadOpen = true;
    this.openedPayload = true;
    this.payload.open(node.payloadIndex, attachment);
  }

  private checkNamespace(name: string, uri: string): void {
    if (this.signatureDepth > 0 || uri === EDXML_NAMESPACE) return;
    if (name === 'Signature' && (uri === XMLDSIG_NAMESPACE || uri === '')) return;
    if (uri.startsWith(UNBOUND_PREFIX_NAMESPACE))
      throw new EdxmlError('malformed', `<${name}> uses an undeclared namespace prefix "${uri.slice(UNBOUND_PREFIX_NAMESPACE.length)}"`);
    if (uri === '') {
      this.warnings.once('no-namespace', name, `<${name}> is in no namespace; QCVN 102 expects ${EDXML_NAMESPACE} (accepted)`);
      return;
    }
    throw new EdxmlError('wrong-namespace', `<${name}> is in namespace "${uri}", not QCVN 102's ${EDXML_NAMESPACE}`);
  }
}
