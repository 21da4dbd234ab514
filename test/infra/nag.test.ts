import { describe, expect, it } from 'vitest';
import type { NagOutcome } from '#infra/stacks/nag';
import { fixtureDefinitions } from './fixture.ts';
import { synthesizeSystem } from './synth.ts';

// Prepare (shared): cdk-nag's AwsSolutions pack run during the synth, as `cdk synth -c nag=true` runs it.
const system = synthesizeSystem({ nag: true });
const fixture = synthesizeSystem({ definitions: fixtureDefinitions, nag: true });
// Strong references (Fn::ImportValue, as LocalStack may need: docs/DEPLOY.md) render findings differently.
const strong = synthesizeSystem({ nag: true, context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });

function outcome(nag: NagOutcome | undefined): NagOutcome {
  if (nag === undefined) throw new Error('cdk-nag did not run');
  return nag;
}

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['as defined', system.nag],
    ['with the fixture', fixture.nag],
    ['with strong cross-stack references', strong.nag],
  ])('leaves no error or warning unacknowledged (%s)', (_case, nag) => {
    // Act
    const left = outcome(nag).report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.severity ?? 'error'} ${violation.ruleName} at ${resource.constructPath ?? '?'}`),
    );
    // Assess
    expect(left).toEqual([]);
  });

  it('acknowledges findings only through the suppressions of infra/stacks/nag.ts, each of them still needed', () => {
    // Act
    const { acknowledged, unused } = outcome(system.nag);
    // Assess: the pack found something (so it ran), and no suppression is stale
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(unused.map((suppression) => `${suppression.id} ${String(suppression.appliesTo ?? '')}`)).toEqual([]);
  });

  it('gives every suppression a reason of its own, a sentence that says why', () => {
    // Act
    const reasons = [...new Set(outcome(system.nag).acknowledged.map(({ suppression }) => suppression.reason))];
    // Assess
    for (const reason of reasons) {
      expect(reason.length, reason).toBeGreaterThanOrEqual(80);
      expect(reason, reason).toMatch(/\.$/);
    }
  });
});
