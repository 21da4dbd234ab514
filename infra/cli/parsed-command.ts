import { parseAgencyCode } from '#domain/agency/code';
import type { Command, CommandIo } from './main.ts';

/**
 * A command whose arguments are parsed first: `help` prints the usage (exit 0), arguments it cannot parse
 * print it to stderr (exit 2), anything else runs with the parsed arguments.
 *
 * @example
 * export const run = parsedCommand(usage, parse, async ({ servedBy }, io) => { io.stdout(...); return 0; });
 */
export function parsedCommand<A>(usage: string, parse: (args: readonly string[]) => A | 'help' | undefined, run: (parsed: A, io: CommandIo) => Promise<number>): Command {
  return async (args, io) => {
    const parsed = parse(args);
    if (parsed === 'help') {
      io.stdout(usage);
      return 0;
    }
    if (parsed === undefined) {
      io.stderr(usage);
      return 2;
    }
    return run(parsed, io);
  };
}

/**
 * The agencies of repeated `--agency <code>` options, in the QCVN 102 form whichever notation was typed;
 * undefined when one of them is not a code (a usage error).
 *
 * @example
 * agencyCodes(['000.00.91.H26']); // ['000.00.91.H26']; agencyCodes(['x']) // undefined
 */
export function agencyCodes(values: readonly string[] | undefined): string[] | undefined {
  const codes = (values ?? []).map((code) => parseAgencyCode(code));
  const agencies = codes.flatMap((code) => (code.ok ? [code.code.code102] : []));
  return agencies.length === codes.length ? agencies : undefined;
}
