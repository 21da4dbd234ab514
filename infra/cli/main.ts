/**
 * `vanthu <command>`: the command-line tools of ../shared/docs/CONTRACT.md. Each command lives in its own
 * module under ./commands and is loaded only when called. Exit codes: 0 ok, 1 a negative verdict or a
 * rejected input, 2 unusable arguments or an unreadable file. JSON on stdout, messages on stderr.
 */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  'agency-code': { summary: 'agency-code <code>: both notations, level and parent', load: () => import('./commands/agency-code.ts') },
  edxml: { summary: 'edxml parse <file> | edxml build <json>', load: () => import('./commands/edxml.ts') },
  verify: { summary: 'verify <pdf> [--trust <pem>]...: signature verdicts', load: () => import('./commands/verify.ts') },
  'kpi-backfill': { summary: 'kpi-backfill --year <YYYY>: rebuild the KPI counters of a year from the history', load: () => import('./commands/kpi-backfill.ts') },
  sign: { summary: 'sign <pdf> --out <pdf> [--as leader|agency]: DEVELOPMENT-ONLY test-CA signer', load: () => import('./commands/sign.ts') },
};

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    io.stderr(usage(name));
    return 2;
  }
  const { run } = await command.load();
  return run(rest, io);
}

function usage(name: string | undefined): string {
  const lines = Object.values(commands).map((c) => `  vanthu ${c.summary}`);
  const head = name === undefined ? 'usage:' : `unknown command "${name}"; usage:`;
  return [head, ...lines].join('\n');
}
