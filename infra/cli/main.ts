/**
 * `vanthu <command>` (`npx vanthu`, the package's `bin`): the command-line tools. Each command is declared
 * once, in `commands` below, with its one-line summary and usage; `vanthu --help` is printed from that
 * table, so a command cannot be missing from it. The command itself lives in its own module under
 * ./commands and is loaded only when called. Exit codes: 0 ok, 1 a negative verdict or a rejected input,
 * 2 unusable arguments or an unreadable file. JSON on stdout, messages on stderr.
 */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

/** One command of the table: what `vanthu --help` says of it, and where it is. */
export interface CommandSpec {
  /** One line: what the command does. */
  readonly summary: string;
  /** Its synopses without `vanthu ` (one per form); `vanthu <command> --help` prints the same lines and its options. */
  readonly usage: readonly string[];
  readonly load: () => Promise<{ run: Command }>;
}

export const commands: Readonly<Record<string, CommandSpec>> = {
  'agency-code': {
    summary: 'reads an agency code in either notation: both notations, level, parent, hub or not',
    usage: ['agency-code <code>'],
    load: () => import('./commands/agency-code.ts'),
  },
  edxml: {
    summary: 'reads an edXML package as JSON, or builds one from that JSON',
    usage: ['edxml parse <file>', 'edxml build <json> [--out <file>] [--lenient]'],
    load: () => import('./commands/edxml.ts'),
  },
  verify: {
    summary: 'verifies every signature of a PDF and prints the report with its verdict',
    usage: ['verify <pdf> [--trust <pem>]... [--now <iso-time>] [--policy fail|warn] [--evidence <file>]'],
    load: () => import('./commands/verify.ts'),
  },
  sign: {
    summary: 'DEVELOPMENT ONLY: signs a PDF with a local test CA',
    usage: ['sign <in.pdf> --out <out.pdf> [--as leader|agency] [--ca-dir <dir>]'],
    load: () => import('./commands/sign.ts'),
  },
  'kpi-backfill': {
    summary: 'rebuilds the KPI counters of a year from the stored history (needs TABLE_NAME and AWS access)',
    usage: ['kpi-backfill --year <YYYY>'],
    load: () => import('./commands/kpi-backfill.ts'),
  },
  'search-index': {
    summary: 'rebuilds the word index of documents and of the agency directory from what is stored (needs TABLE_NAME and AWS access)',
    usage: ['search-index rebuild --agency <code>... [--directory]', 'search-index rebuild --all'],
    load: () => import('./commands/search-index.ts'),
  },
  'work-counters': {
    summary: '"my work" counters (GET /work) recounted from the open documents of an agency or of all (needs TABLE_NAME and AWS access)',
    usage: ['work-counters rebuild --agency <code>...', 'work-counters rebuild --all'],
    load: () => import('./commands/work-counters.ts'),
  },
  backup: {
    summary: 'a copy of the table and the bucket in a folder, its restore into an empty stage, and the digest to compare (needs TABLE_NAME, BUCKET_NAME and AWS access)',
    usage: ['backup export --out <dir> [--table-only]', 'backup import --from <dir>', 'backup digest [--archive <dir>]', 'backup wipe-table --confirm <table name>'],
    load: () => import('./commands/backup.ts'),
  },
  signing: {
    summary: "an agency seal's certificate request, installing its chain and the trust anchors, the stage's signing status (needs AWS access)",
    usage: [
      'signing csr --stage <stage> --agency <code> --subject <CN> [--key <kms key>]',
      'signing install --stage <stage> --agency <code> --chain <pem> [--key <kms key>]',
      'signing trust-anchor --stage <stage> --name <name> --file <pem>',
      'signing status --stage <stage>',
    ],
    load: () => import('./commands/signing.ts'),
  },
  openapi: {
    summary: 'prints the OpenAPI 3.1 document of the HTTP API (the one GET /openapi.json serves)',
    usage: ['openapi [--served-by aws|local]'],
    load: () => import('./commands/openapi.ts'),
  },
};

const HELP = new Set(['--help', '-h', 'help']);

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/**
 * Runs `vanthu` with `argv` (the arguments after `vanthu`) and returns the exit code. No arguments,
 * `--help`, `-h` or `help` print the help (exit 0); `help <command>` is `<command> --help`; an unknown
 * command prints the help on stderr (exit 2).
 *
 * @example
 * process.exitCode = await main(['agency-code', '000.00.18.G12']);
 */
export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP.has(name)) {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commandNamed(topic);
    if (command !== undefined) return (await command.load()).run(['--help'], io);
    if (topic !== undefined) return unknown(topic, io);
    io.stdout(help());
    return 0;
  }
  const command = commandNamed(name);
  if (command === undefined) return unknown(name, io);
  const { run } = await command.load();
  return run(rest, io);
}

/** The help: every command of the table with its summary and usage. */
export function help(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  const entries = Object.entries(commands).flatMap(([name, spec]) => [
    `  ${name.padEnd(width)}  ${spec.summary}`,
    ...spec.usage.map((line) => `  ${' '.repeat(width)}    vanthu ${line}`),
  ]);
  return [
    'usage: vanthu <command> [arguments]',
    '       vanthu <command> --help      (or vanthu help <command>) for its options',
    '',
    'commands:',
    ...entries,
    '',
    'Exit codes: 0 ok, 1 a negative verdict or a rejected input, 2 unusable arguments or an unreadable file.',
    'JSON on stdout, messages on stderr.',
  ].join('\n');
}

/** Own entries only: `vanthu toString` is an unknown command, not Object.prototype's. */
function commandNamed(name: string): CommandSpec | undefined {
  return Object.hasOwn(commands, name) ? commands[name] : undefined;
}

function unknown(name: string, io: CommandIo): number {
  io.stderr(`unknown command "${name}"\n\n${help()}`);
  return 2;
}
