/**
 * A small indenting writer for the header part of a package. Every element gets the explicit `edXML:`
 * prefix: a central receiver rejected packages whose children relied on a default namespace.
 */
import { EDXML_NAMESPACE } from './model.ts';

export const PREFIX = 'edXML';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const ROOT_OPEN = `<${PREFIX}:edXML xmlns:${PREFIX}="${EDXML_NAMESPACE}">\n`;
export const ROOT_CLOSE = `</${PREFIX}:edXML>\n`;

/**
 * Escapes element text. `\r` is written as a character reference because XML parsers turn a literal CR
 * into LF; `>` is escaped so that `]]>` can never appear.
 */
export function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Escapes an attribute value (double-quoted): markup, quotes, and whitespace that attribute normalisation would change. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\r\n\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' })[c] ?? c);
}

/** Collects indented lines; `leaf` skips absent values so optional fields simply do not appear. */
export class XmlLines {
  private readonly lines: string[] = [];
  private depth: number;

  constructor(depth = 0) {
    this.depth = depth;
  }

  open(name: string, attributes = ''): this {
    this.lines.push(`${this.indent()}<${PREFIX}:${name}${attributes}>`);
    this.depth += 1;
    return this;
  }

  close(name: string): this {
    this.depth -= 1;
    this.lines.push(`${this.indent()}</${PREFIX}:${name}>`);
    return this;
  }

  leaf(name: string, value: string | number | boolean | undefined): this {
    if (value === undefined) return this;
    this.lines.push(`${this.indent()}<${PREFIX}:${name}>${escapeText(String(value))}</${PREFIX}:${name}>`);
    return this;
  }

  /** `open`, the body, `close`; skipped when `value` is undefined. */
  group<T>(name: string, value: T | undefined, body: (value: T) => void): this {
    if (value === undefined) return this;
    this.open(name);
    body(value);
    return this.close(name);
  }

  toString(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }
}
