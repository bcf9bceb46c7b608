import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../src/storage/schema.js';
import { APP_DEFAULTS } from '../lib/app-config.js';
import { resourceNamed, resources, synth, type Synthesized } from './support/synth.js';

type TableProps = {
  TableName: string;
  KeySchema: Array<{ AttributeName: string; KeyType: string }>;
  GlobalSecondaryIndexes?: Array<{ IndexName: string; KeySchema: Array<{ AttributeName: string; KeyType: string }>; Projection: { ProjectionType: string } }>;
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  BillingMode: string;
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: boolean };
  SSESpecification: { SSEEnabled: boolean; SSEType: string; KMSMasterKeyId: unknown };
  DeletionProtectionEnabled?: boolean;
};

const keys = (partitionKey: string, sortKey?: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' }] : []),
];

function tablesByName(s: Synthesized): Map<string, { props: TableProps; policy?: string }> {
  const out = new Map<string, { props: TableProps; policy?: string }>();
  for (const r of Object.values(resources(s.template, 'AWS::DynamoDB::Table'))) {
    const props = r.Properties as unknown as TableProps;
    out.set(props.TableName, { props, ...(r.DeletionPolicy ? { policy: r.DeletionPolicy } : {}) });
  }
  return out;
}

describe('DynamoDB tables from src/storage/schema.ts', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
  });

  it('creates exactly the app tables, named as the DynamoDB adapter builds them (prefix + name)', () => {
    const tables = tablesByName(dev);
    expect([...tables.keys()].sort()).toEqual(Object.values(TABLES).map((t) => `bharatsense-dev-${t.name}`).sort());
    // The app's default prefix is bharatsense-: the stack adds the stage.
    expect(APP_DEFAULTS.DYNAMODB_TABLE_PREFIX).toBe('bharatsense-');
  });

  it.each(Object.values(TABLES).map((t) => [t.name, t] as const))('%s has the schema keys, GSIs and TTL', (_name, def) => {
    const { props } = tablesByName(dev).get(`bharatsense-dev-${def.name}`)!;
    expect(props.KeySchema).toEqual(keys(def.partitionKey, 'sortKey' in def ? def.sortKey : undefined));
    const indexes = { ...(('indexes' in def ? def.indexes : {}) as Record<string, { partitionKey: string; sortKey?: string }>) };
    const gsis = props.GlobalSecondaryIndexes ?? [];
    for (const [indexName, index] of Object.entries(indexes)) {
      const gsi = gsis.find((g) => g.IndexName === indexName);
      expect(gsi, `${def.name}.${indexName}`).toBeDefined();
      expect(gsi!.KeySchema).toEqual(keys(index.partitionKey, index.sortKey));
      expect(gsi!.Projection).toEqual({ ProjectionType: 'ALL' });
    }
    if ('ttlAttribute' in def) expect(props.TimeToLiveSpecification).toEqual({ AttributeName: def.ttlAttribute, Enabled: true });
    else expect(props.TimeToLiveSpecification).toBeUndefined();
  });

  it('expires QueryHistory, AuditLog and Locks on expiresAt', () => {
    const tables = tablesByName(dev);
    for (const name of ['QueryHistory', 'AuditLog', 'Locks']) {
      expect(tables.get(`bharatsense-dev-${name}`)!.props.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    }
  });

  it('has the design\'s Stores location GSI (state, then city)', () => {
    const stores = tablesByName(dev).get('bharatsense-dev-Stores')!.props;
    expect(stores.GlobalSecondaryIndexes).toContainEqual({ IndexName: 'byLocation', KeySchema: keys('state', 'city'), Projection: { ProjectionType: 'ALL' } });
  });

  it('bills on demand, keeps point-in-time recovery and encrypts with the data CMK', () => {
    const dataKey = resourceNamed(dev.template, 'AWS::KMS::Key', 'KeysData').id;
    for (const { props } of tablesByName(dev).values()) {
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(props.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [dataKey, 'Arn'] } });
    }
  });

  it('protects prod tables from deletion and retains them; dev tables can go', () => {
    for (const { props, policy } of tablesByName(prod).values()) {
      expect(props.DeletionProtectionEnabled).toBe(true);
      expect(policy).toBe('Retain');
    }
    for (const { props, policy } of tablesByName(dev).values()) {
      expect(props.DeletionProtectionEnabled).toBe(false);
      expect(policy).toBe('Delete');
    }
  });

  it('rotates both customer-managed keys and never deletes them', () => {
    dev.template.resourcePropertiesCountIs('AWS::KMS::Key', { EnableKeyRotation: true }, 2);
    dev.template.allResources('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    dev.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/bharatsense-dev-pii', TargetKeyId: Match.anyValue() });
  });
});
