/**
 * The stage's customer-managed KMS keys: one for data at rest (tables, the lake, secrets, the
 * alarm topic, backups, Redis) and one only for the app's field encryption of personal data
 * (`PII_ENCRYPTION=kms`), so the PII key's use can be limited to the app's encryption context.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage.js';

export class Keys extends Construct {
  /** Tables, buckets, secrets, topic, backup vault, Redis at rest. */
  readonly data: kms.Key;
  /** `KMS_KEY_ID`: envelope encryption of owners' phones, emails and names. */
  readonly pii: kms.Key;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    // A deleted key makes everything it encrypted unreadable: keys outlive the stack in every stage.
    this.data = new kms.Key(this, 'Data', {
      alias: `alias/${settings.prefix}-data`,
      description: `BharatSense ${settings.stage}: data at rest`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.pii = new kms.Key(this, 'Pii', {
      alias: `alias/${settings.prefix}-pii`,
      description: `BharatSense ${settings.stage}: field encryption of personal data (KMS_KEY_ID)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
