/**
 * A minimal XML writer for exports: elements and text only (no attributes, no namespaces), UTF-8, indented.
 * Text is escaped here and nowhere else, so no caller can forget it.
 */
export interface XmlElement {
  readonly name: string;
  readonly text?: string;
  readonly children?: readonly XmlElement[];
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * The document: declaration, then the tree. Vietnamese letters are written as themselves (UTF-8), not as
 * character references.
 *
 * @example
 * toXml(element('Record', [leaf('Title', 'Hồ sơ <A&B>')]))
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<Record>\n  <Title>Hồ sơ &lt;A&amp;B&gt;</Title>\n</Record>\n'
 */
export function toXml(root: XmlElement): string {
  const lines: string[] = [XML_DECLARATION];
  write(root, 0, lines);
  return `${lines.join('\n')}\n`;
}

/** An element with children; absent (undefined) children are left out. */
export function element(name: string, children: readonly (XmlElement | undefined)[]): XmlElement {
  return { name: checkedName(name), children: children.filter((child): child is XmlElement => child !== undefined) };
}

/** A text element, or nothing when the value is absent, so optional fields simply do not appear. */
export function leaf(name: string, value: string | number | undefined): XmlElement | undefined {
  return value === undefined ? undefined : { name: checkedName(name), text: String(value) };
}

/**
 * Escapes element text: `&`, `<` and `>` (so `]]>` cannot appear), CR as a character reference (parsers
 * turn a literal CR into LF). Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF,
 * unpaired surrogates) become U+FFFD, so a stray control character in a subject cannot make the whole
 * export unreadable.
 *
 * @example
 * escapeXmlText('Sở Tài chính & "Kho bạc" <HN>') // 'Sở Tài chính &amp; "Kho bạc" &lt;HN&gt;'
 */
export function escapeXmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

function write(node: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  if (node.text !== undefined) {
    lines.push(`${indent}<${node.name}>${escapeXmlText(node.text)}</${node.name}>`);
    return;
  }
  const children = node.children ?? [];
  if (children.length === 0) {
    lines.push(`${indent}<${node.name}/>`);
    return;
  }
  lines.push(`${indent}<${node.name}>`);
  for (const child of children) write(child, depth + 1, lines);
  lines.push(`${indent}</${node.name}>`);
}

/** Element names come from code, never from data; a bad one is a programming error. */
function checkedName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`Not an XML element name: ${name}`);
  return name;
}
