/**
 * Reads one element of the collected tree into model values, warning (never failing) on what is odd:
 * repeated single elements, numbers that are not numbers, dates in another spelling, unknown children.
 * Paths in warnings are JSON model paths (`to[0].organId`), so a clerk's screen can point at the field.
 */
import type { XmlNode } from './tree.ts';
import { readXmlDate, readXmlTimestamp } from './values.ts';
import type { WarningList } from './warnings.ts';

export class ElementReader {
  private readonly used = new Set<string>();
  private finished = false;

  constructor(
    readonly node: XmlNode,
    readonly path: string,
    private readonly warnings: WarningList,
  ) {}

  /** The trimmed text of child `name`; undefined when absent or empty. */
  text(name: string): string | undefined {
    const value = this.first(name)?.text.trim();
    return value === '' ? undefined : value;
  }

  /** Texts of every child `name` (a repeated element), empty ones dropped. */
  texts(name: string): string[] {
    return this.all(name)
      .map((n) => n.text.trim())
      .filter((t) => t !== '');
  }

  int(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (/^\d{1,15}$/.test(value)) return Number(value);
    this.warn('not-a-number', name, `"${clip(value)}" is not a non-negative integer; ignored`);
    return undefined;
  }

  bool(name: string): boolean | undefined {
    const value = this.text(name)?.toLowerCase();
    if (value === undefined) return undefined;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    this.warn('not-a-boolean', name, `"${clip(value)}" is not true/false; ignored`);
    return undefined;
  }

  date(name: string): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const { value, nonStandard } = readXmlDate(raw);
    if (value === undefined) this.warn('invalid-date', name, `"${clip(raw)}" is not a date; ignored`);
    else if (nonStandard) this.warn('date-format', name, `"${raw}" is not YYYY/MM/DD; read as ${value}`);
    return value;
  }

  timestamp(name: string): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const { value, nonStandard } = readXmlTimestamp(raw);
    if (value === undefined) this.warn('invalid-date', name, `"${clip(raw)}" is not a timestamp; ignored`);
    else if (nonStandard) this.warn('date-format', name, `"${raw}" is not YYYY/MM/DD HH:mm:ss; read as ${value}`);
    return value;
  }

  /** Whether a child `name` is present (not marked as read). */
  has(name: string): boolean {
    return this.node.children.some((c) => c.name === name);
  }

  /** The first child `name`; `flatten` keeps this path (the envelope levels the JSON model does not show). */
  child(name: string, flatten = false): ElementReader | undefined {
    const node = this.first(name);
    return node === undefined ? undefined : new ElementReader(node, flatten ? this.path : this.childPath(name), this.warnings);
  }

  children(name: string, key = jsonKey(name)): ElementReader[] {
    return this.all(name).map((n, i) => new ElementReader(n, `${this.prefix()}${key}[${i}]`, this.warnings));
  }

  /** Marks `names` as known without reading them (read elsewhere, e.g. the signature). */
  skip(...names: string[]): this {
    for (const n of names) this.used.add(n);
    return this;
  }

  /** Warns (once) about children no reader asked for: data the model does not carry. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const child of this.node.children) {
      if (!this.used.has(child.name)) this.warnings.add('unknown-element', this.childPath(child.name), `<${child.name}> is not part of QCVN 102 here; ignored`);
    }
  }

  warn(code: string, name: string, message: string): void {
    this.warnings.add(code, this.childPath(name), message);
  }

  private first(name: string): XmlNode | undefined {
    const nodes = this.all(name);
    if (nodes.length > 1) this.warn('repeated-element', name, `<${name}> appears ${nodes.length} times; the first is used`);
    return nodes[0];
  }

  private all(name: string): XmlNode[] {
    this.used.add(name);
    return this.node.children.filter((c) => c.name === name);
  }

  private childPath(name: string): string {
    return `${this.prefix()}${jsonKey(name)}`;
  }

  private prefix(): string {
    return this.path === '' ? '' : `${this.path}.`;
  }
}

/** `PromulgationDate` → `promulgationDate`. */
export function jsonKey(elementName: string): string {
  return elementName.charAt(0).toLowerCase() + elementName.slice(1);
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
