/**
 * Synthesises a stage once per test run (files share one worker: see vitest.config.ts) and
 * hands out its templates. cdk-nag is run explicitly by nag.test.ts, so a finding shows up as
 * a readable test failure rather than as a synth exception in every file.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuiltApp } from '../../lib/app.js';
import type { StageName } from '../../lib/stage.js';

export interface Synthesized extends BuiltApp {
  template: Template;
  replicaTemplate?: Template;
}

const cache = new Map<StageName, Synthesized>();

export function synth(stage: StageName): Synthesized {
  let done = cache.get(stage);
  if (!done) {
    const built = buildApp({ stage, nag: false });
    const template = Template.fromStack(built.stack);
    done = { ...built, template, ...(built.replica ? { replicaTemplate: Template.fromStack(built.replica) } : {}) };
    cache.set(stage, done);
  }
  return done;
}

type Json = Record<string, unknown>;

/** Resources of one type, by logical id. */
export function resources(template: Template, type: string): Record<string, { Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string }> {
  return template.findResources(type) as Record<string, { Properties: Json; DeletionPolicy?: string }>;
}

/** The one resource of a type whose logical id starts with `prefix`. */
export function resourceNamed(template: Template, type: string, prefix: string): { id: string; Properties: Json } {
  const found = Object.entries(resources(template, type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  const [id, resource] = found[0]!;
  return { id, Properties: resource.Properties };
}

/**
 * Turns CloudFormation intrinsics into plausible strings (a Ref becomes `ref-<id>`, a GetAtt
 * `<id>.<attribute>`, a Join is joined), so values resolved at deploy time can be checked.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const obj = value as Json;
    if ('Ref' in obj) {
      const ref = String(obj.Ref);
      if (ref === 'AWS::Region') return 'ap-south-1';
      if (ref === 'AWS::AccountId') return '123456789012';
      if (ref === 'AWS::Partition') return 'aws';
      if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
      return `ref-${ref.toLowerCase()}`;
    }
    if ('Fn::GetAtt' in obj) {
      const [id, attribute] = obj['Fn::GetAtt'] as [string, string];
      return `${id.toLowerCase()}.${attribute.toLowerCase()}`;
    }
    if ('Fn::Join' in obj) {
      const [separator, parts] = obj['Fn::Join'] as [string, unknown[]];
      return parts.map(flatten).join(separator);
    }
  }
  throw new Error(`cannot flatten ${JSON.stringify(value)}`);
}

/** Container definitions of every task definition, by logical id. */
export function containers(template: Template): Array<{ taskId: string; container: Json }> {
  return Object.entries(resources(template, 'AWS::ECS::TaskDefinition')).flatMap(([taskId, r]) =>
    (r.Properties.ContainerDefinitions as Json[]).map((container) => ({ taskId, container })),
  );
}

/** A service's container: `Api` or `Worker`. */
export function container(template: Template, service: 'Api' | 'Worker'): Json {
  const found = containers(template).filter(({ taskId }) => taskId.startsWith(`Compute${service}Task`));
  if (found.length !== 1) throw new Error(`expected one ${service} container`);
  return found[0]!.container;
}

/** Every IAM policy statement of the template (policies and roles' inline policies), with where it came from. */
export function policyStatements(template: Template): Array<{ owner: string; statement: Json }> {
  const out: Array<{ owner: string; statement: Json }> = [];
  for (const [id, r] of Object.entries(resources(template, 'AWS::IAM::Policy'))) {
    for (const statement of (r.Properties.PolicyDocument as { Statement: Json[] }).Statement) out.push({ owner: id, statement });
  }
  for (const [id, r] of Object.entries(resources(template, 'AWS::IAM::Role'))) {
    for (const policy of (r.Properties.Policies as Array<{ PolicyDocument: { Statement: Json[] } }> | undefined) ?? []) {
      for (const statement of policy.PolicyDocument.Statement) out.push({ owner: id, statement });
    }
  }
  return out;
}

export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
