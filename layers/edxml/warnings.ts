/**
 * Collects warnings for one parse, bounded so that a hostile package full of oddities cannot grow the
 * result without limit.
 */
import type { EdxmlWarning } from './errors.ts';

const MAX_WARNINGS = 200;

export class WarningList {
  private readonly items: EdxmlWarning[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;

  add(code: string, path: string, message: string): void {
    if (this.items.length < MAX_WARNINGS) this.items.push({ code, path, message });
    else this.dropped += 1;
  }

  /** Adds a warning only the first time `code` is seen (e.g. one "no namespace" for the whole package). */
  once(code: string, path: string, message: string): void {
    if (this.seen.has(code)) return;
    this.seen.add(code);
    this.add(code, path, message);
  }

  addAll(warnings: readonly EdxmlWarning[]): void {
    for (const w of warnings) this.add(w.code, w.path, w.message);
  }

  toArray(): EdxmlWarning[] {
    if (this.dropped === 0) return [...this.items];
    return [...this.items, { code: 'too-many-warnings', path: '', message: `${this.dropped} more warnings not listed` }];
  }
}
