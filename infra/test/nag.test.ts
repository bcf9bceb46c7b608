/**
 * cdk-nag's AWS Solutions rules over every stage. cdk-nag 3 reports through CDK's policy
 * validation (no annotations): the pack's `validateScope` gives the same findings synth checks.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../lib/stage.js';
import { synth } from './support/synth.js';

function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it.each(STAGES)('%s has no unacknowledged finding', (stage) => {
    const { app, nag } = synth(stage);
    const report = nag.validateScope(app);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives every acknowledgement a written reason', () => {
    // CDK itself acknowledges CloudFormation-Validate rules (e.g. W3010 for the AZs we name on purpose).
    const all = STAGES.flatMap((stage) => acknowledgements(synth(stage).app)).filter((a) => a.id.startsWith('AwsSolutions'));
    expect(all.length).toBeGreaterThan(10);
    for (const { path, id, reason } of all) {
      expect(id, path).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, `${path} ${id}`).toBeGreaterThanOrEqual(40);
    }
  });
});
