/**
 * `vanthu agency-code <code>`: reads an agency code in either notation and prints both notations, the
 * level, the parent, the level-1 kind and whether it is a hub. Exit 1 with the reason when the code is
 * invalid, 2 when the arguments are unusable.
 */
import type { Command } from '../main.ts';
import { isHub, levelOneKindOf, parentOf, parseAgencyCode } from '#domain/agency/code';

const usage = 'usage: vanthu agency-code <code>   (QCVN 102 such as 000.00.18.G12, or QĐ 20 such as G12.18)';

export const run: Command = async (args, io) => {
  const [input, ...extra] = args;
  if (input === '--help' || input === '-h') {
    io.stdout(usage);
    return 0;
  }
  if (input === undefined || extra.length > 0 || input.startsWith('--')) {
    io.stderr(usage);
    return 2;
  }
  const result = parseAgencyCode(input);
  if (!result.ok) {
    io.stdout(JSON.stringify({ valid: false, reason: result.reason, ...(result.block && { block: result.block }) }, null, 2));
    io.stderr(`invalid agency code "${input}": ${result.reason}`);
    return 1;
  }
  const { code } = result;
  const parent = parentOf(code);
  io.stdout(
    JSON.stringify(
      {
        valid: true,
        code102: code.code102,
        qd20: code.qd20,
        level: code.level,
        parent: parent === undefined ? null : { code102: parent.code102, qd20: parent.qd20 },
        levelOneKind: levelOneKindOf(code),
        isHub: isHub(code),
      },
      null,
      2,
    ),
  );
  return 0;
};
