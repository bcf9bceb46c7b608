/**
 * Prod only: AWS Backup of every table, hourly, kept 30 days, in a vault encrypted with the data
 * key. With point-in-time recovery on the tables and the lake replicated across regions, this
 * meets the design's RPO 1 h / RTO 4 h: a table restores from a recovery point in well under an hour.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { StageSettings } from '../stage.js';

export const BACKUP_RETENTION_DAYS = 30;

export interface BackupsProps {
  settings: StageSettings;
  key: kms.IKey;
  tables: dynamodb.ITable[];
}

export class Backups extends Construct {
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, { settings, key, tables }: BackupsProps) {
    super(scope, id);
    const vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: `${settings.prefix}-vault`,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `${settings.prefix}-tables`,
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'hourly',
          // RPO 1 h: a recovery point every hour, on the hour.
          scheduleExpression: events.Schedule.cron({ minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(2),
          deleteAfter: Duration.days(BACKUP_RETENTION_DAYS),
        }),
      ],
    });
    const selection = this.plan.addSelection('Tables', { resources: tables.map((t) => backup.BackupResource.fromDynamoDbTable(t)) });
    acknowledge(
      selection,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      "AWS Backup's own service-role policy is the documented way to let it snapshot the tables; AWS keeps it current with the services it backs up.",
    );
  }
}
