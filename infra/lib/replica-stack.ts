/**
 * Prod only: the lake's copy in a second region (Hyderabad by default, so the data stays in
 * India). Its bucket name and key alias are derived from the stage, so the main stack can point
 * its replication rules at them without a cross-region reference.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { logBucket, replicaBucketName, replicaKeyAlias } from './constructs/storage.js';
import type { StageSettings } from './stage.js';

export class ReplicaStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, settings: StageSettings, props: StackProps = {}) {
    super(scope, id, { ...props, env: { ...props.env, region: settings.replicaRegion }, description: `BharatSense ${settings.stage}: lake replica` });
    const key = new kms.Key(this, 'Key', {
      alias: replicaKeyAlias(settings),
      description: `BharatSense ${settings.stage}: lake replica`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Replica', {
      bucketName: replicaBucketName(settings),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Replication requires versioning on both sides.
      versioned: true,
      serverAccessLogsBucket: logBucket(this, 'Logs', settings),
      serverAccessLogsPrefix: 'lake-replica/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
