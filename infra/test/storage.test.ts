import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORECASTS_EXPIRE_AFTER_DAYS, SALES_GLACIER_AFTER_DAYS } from '../lib/constructs/storage.js';
import { resourceNamed, resources, synth, type Synthesized } from './support/synth.js';

type Rule = { Id: string; Prefix?: string; Status: string; Transitions?: Array<{ StorageClass: string; TransitionInDays: number }>; ExpirationInDays?: number };

describe('the lake bucket (one bucket, the app\'s prefixes)', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  let lake: { id: string; Properties: Record<string, unknown> };
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
    lake = resourceNamed(dev.template, 'AWS::S3::Bucket', 'StorageLake');
  });

  it('encrypts with the data CMK (bucket key on), versions, blocks public access and logs access', () => {
    const dataKey = resourceNamed(dev.template, 'AWS::KMS::Key', 'KeysData').id;
    expect(lake.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [dataKey, 'Arn'] } } },
      ],
    });
    expect(lake.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(lake.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(lake.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: resourceNamed(dev.template, 'AWS::S3::Bucket', 'StorageLogs').id }, LogFilePrefix: 'lake/' });
  });

  it('refuses every request that is not TLS, on every bucket', () => {
    const buckets = Object.keys(resources(dev.template, 'AWS::S3::Bucket'));
    const policies = Object.values(resources(dev.template, 'AWS::S3::BucketPolicy'));
    for (const bucket of buckets) {
      const policy = policies.find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucket }));
      expect(policy, bucket).toBeDefined();
      expect((policy!.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it(`moves sales/ to Glacier after ${SALES_GLACIER_AFTER_DAYS} days and deletes forecasts/ after ${FORECASTS_EXPIRE_AFTER_DAYS}`, () => {
    const rules = (lake.Properties.LifecycleConfiguration as { Rules: Rule[] }).Rules;
    const sales = rules.find((r) => r.Prefix === 'sales/');
    const forecasts = rules.find((r) => r.Prefix === 'forecasts/');
    expect(sales).toMatchObject({ Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 730 }] });
    expect(sales!.ExpirationInDays).toBeUndefined();
    expect(forecasts).toMatchObject({ Status: 'Enabled', ExpirationInDays: 90 });
    // Nothing else may expire the app's data.
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => r.Prefix).sort()).toEqual(['athena-results/', 'forecasts/']);
  });

  it('keeps the access logs in an SSE-S3 bucket (what S3 and ALB logging can write), private and TLS-only', () => {
    const logs = resourceNamed(dev.template, 'AWS::S3::Bucket', 'StorageLogs');
    expect(logs.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(logs.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
  });

  it('replicates sales/, forecasts/ and external/ to the replica region in prod, KMS to KMS', () => {
    const prodLake = resourceNamed(prod.template, 'AWS::S3::Bucket', 'StorageLake');
    const replication = prodLake.Properties.ReplicationConfiguration as { Rules: Array<Record<string, unknown>> };
    expect(replication.Rules.map((r) => (r.Filter as { Prefix: string }).Prefix)).toEqual(['sales/', 'forecasts/', 'external/']);
    for (const rule of replication.Rules) {
      expect(rule).toMatchObject({
        Status: 'Enabled',
        SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        Destination: { Bucket: expect.anything(), EncryptionConfiguration: { ReplicaKmsKeyID: expect.anything() } },
      });
      expect(JSON.stringify(rule.Destination)).toContain('bharatsense-prod-lake-replica-');
      expect(JSON.stringify(rule.Destination)).toContain('ap-south-2');
    }
    prod.replicaTemplate!.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['', ['bharatsense-prod-lake-replica-', { Ref: 'AWS::AccountId' }]] },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
    });
    prod.replicaTemplate!.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/bharatsense-prod-lake-replica' });
    expect(prod.replica!.region).toBe('ap-south-2');
  });

  it('does not replicate in dev', () => {
    expect(lake.Properties.ReplicationConfiguration).toBeUndefined();
    expect(dev.replica).toBeUndefined();
    dev.template.resourceCountIs('AWS::Backup::BackupPlan', 0);
  });
});
