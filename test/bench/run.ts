/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` module in turn (or those named on the command line)
 * and prints one markdown section each; `--write <file>` also saves the report. Numbers are measured on
 * the machine that runs it: nothing here asserts a time.
 */
import { readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What one bench module returns: a titled table plus notes. */
export interface BenchSection {
  readonly title: string;
  readonly rows: readonly Record<string, string | number>[];
  readonly notes?: readonly string[];
}

export type BenchModule = { run: () => Promise<BenchSection | readonly BenchSection[]> };

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(argv: readonly string[]): Promise<void> {
  const writeAt = argv.indexOf('--write');
  const target = writeAt >= 0 ? argv[writeAt + 1] : undefined;
  const only = argv.filter((a, i) => !a.startsWith('--') && (writeAt < 0 || i !== writeAt + 1));
  const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
  const chosen = only.length === 0 ? files : files.filter((f) => only.some((o) => f.startsWith(o)));
  const header = `# Benchmarks\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Run \`npm run bench\` to measure your machine.\n`;
  const parts = [header];
  process.stdout.write(`${header}\n`);
  for (const file of chosen) {
    const mod = (await import(path.join(here, file))) as BenchModule;
    const result = await mod.run();
    for (const section of Array.isArray(result) ? result : [result as BenchSection]) {
      const text = render(section);
      parts.push(text);
      process.stdout.write(`${text}\n`);
    }
  }
  if (target !== undefined) await writeFile(target, parts.join('\n'));
}

export function render(section: BenchSection): string {
  const columns = [...new Set(section.rows.flatMap((r) => Object.keys(r)))];
  const lines = [`## ${section.title}`, ''];
  if (columns.length > 0) {
    lines.push(`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`);
    for (const row of section.rows) lines.push(`| ${columns.map((c) => String(row[c] ?? '')).join(' | ')} |`);
    lines.push('');
  }
  for (const note of section.notes ?? []) lines.push(`- ${note}`);
  return `${lines.join('\n')}\n`;
}

await main(process.argv.slice(2));
