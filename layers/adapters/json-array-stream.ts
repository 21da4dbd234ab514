import { ValidationError } from '#domain/errors';

/**
 * Reads the elements of a top-level JSON array one at a time from a stream of text chunks, holding only
 * the element being read: a 120,000-row catalogue never becomes one big object in memory. Nested values
 * are parsed with JSON.parse once complete; strings and escapes are tracked so brackets in names don't
 * confuse it.
 *
 * @example
 * for await (const row of readJsonArray(createReadStream('agencies.json', 'utf8'))) importRow(row);
 */
export async function* readJsonArray(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>, options: { maxElementBytes?: number } = {}): AsyncGenerator<unknown> {
  const maxElement = options.maxElementBytes ?? 64 * 1024;
  const decoder = new TextDecoder();
  let state: 'before-array' | 'between' | 'in-element' | 'after-array' = 'before-array';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let container = false;
  let index = 0;
  const fail = (message: string) => new ValidationError(`The catalogue is not a JSON array of rows: ${message}`, { errors: [{ path: `body[${index}]`, message }] });

  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (const ch of text) {
      if (state === 'before-array') {
        if (ch === '[') state = 'between';
        else if (!/\s/.test(ch) && ch !== '\uFEFF') throw fail('expected [ at the start');
        continue;
      }
      if (state === 'after-array') {
        if (!/\s/.test(ch)) throw fail('unexpected text after the closing ]');
        continue;
      }
      if (state === 'between') {
        if (/\s/.test(ch) || ch === ',') continue;
        if (ch === ']') {
          state = 'after-array';
          continue;
        }
        state = 'in-element';
        element = '';
        depth = 0;
        container = ch === '{' || ch === '[';
      }
      if (!container && !inString && (ch === ',' || ch === ']')) {
        yield parse(element.trim(), fail);
        index += 1;
        state = ch === ']' ? 'after-array' : 'between';
        continue;
      }
      element += ch;
      if (element.length > maxElement) throw fail(`a row is longer than ${maxElement} characters`);
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth += 1;
      else if (ch === '}' || ch === ']') depth -= 1;
      if (container && depth === 0) {
        yield parse(element, fail);
        index += 1;
        state = 'between';
      }
    }
  }
  if (state !== 'after-array') throw fail(state === 'before-array' ? 'the body is empty' : 'the array is not closed');
}

function parse(text: string, fail: (message: string) => Error): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail((error as Error).message);
  }
}
