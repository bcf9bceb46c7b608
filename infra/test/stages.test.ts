import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BACKUP_RETENTION_DAYS } from '../lib/constructs/backup.js';
import { parseStage, stageSettings } from '../lib/stage.js';
import { resources, synth } from './support/synth.js';

describe('stages', () => {
  it('defaults to dev and refuses unknown stages', () => {
    expect(parseStage(undefined)).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
    expect(() => parseStage('production')).toThrow(/dev, staging, prod/);
  });

  it('takes overrides from context', () => {
    const app = new App({ context: { bedrockPrimaryModel: 'anthropic.claude-3-haiku-20240307-v1:0', region: 'ap-south-2' } });
    const settings = stageSettings(app.node, 'staging');
    expect(settings.bedrock.primaryModel).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(settings.region).toBe('ap-south-2');
    expect(settings.production).toBe(false);
  });

  it(`backs the prod tables up hourly and keeps ${BACKUP_RETENTION_DAYS} days of recovery points; dev has no plan`, () => {
    const prod = synth('prod').template;
    const plan = Object.values(resources(prod, 'AWS::Backup::BackupPlan'))[0]!.Properties.BackupPlan as { BackupPlanRule: Array<Record<string, unknown>> };
    expect(plan.BackupPlanRule).toEqual([
      expect.objectContaining({ ScheduleExpression: 'cron(0 * * * ? *)', Lifecycle: { DeleteAfterDays: 30 }, StartWindowMinutes: 60 }),
    ]);
    const selection = Object.values(resources(prod, 'AWS::Backup::BackupSelection'))[0]!.Properties.BackupSelection as { Resources: unknown[] };
    expect(selection.Resources).toHaveLength(Object.keys(resources(prod, 'AWS::DynamoDB::Table')).length);
    prod.hasResourceProperties('AWS::Backup::BackupVault', { BackupVaultName: 'bharatsense-prod-vault', EncryptionKeyArn: Match.anyValue() });
    synth('dev').template.resourceCountIs('AWS::Backup::BackupPlan', 0);
    synth('staging').template.resourceCountIs('AWS::Backup::BackupPlan', 0);
  });

  it('adds a replica stack in another region for prod only', () => {
    expect(synth('prod').replica?.region).toBe('ap-south-2');
    expect(synth('prod').stack.dependencies).toContain(synth('prod').replica);
    expect(synth('staging').replica).toBeUndefined();
  });

  it('sizes prod for failure: two NAT gateways, two Redis nodes, at least two API and worker tasks', () => {
    const prod = synth('prod');
    prod.template.resourceCountIs('AWS::EC2::NatGateway', 2);
    synth('dev').template.resourceCountIs('AWS::EC2::NatGateway', 1);
    const targets = Object.values(resources(prod.template, 'AWS::ApplicationAutoScaling::ScalableTarget')).map((t) => t.Properties.MinCapacity);
    expect(targets).toEqual([2, 2]);
  });
});

describe('HTTPS when a certificate is given', () => {
  it('listens on 443 with the certificate, redirects 80 and tells the app its https URL', async () => {
    const { buildApp } = await import('../lib/app.js');
    const { Template } = await import('aws-cdk-lib/assertions');
    const certificateArn = 'arn:aws:acm:ap-south-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100';
    const { app, stack, nag } = buildApp({ stage: 'staging', nag: false, appProps: { context: { certificateArn, domainName: 'staging.bharatsense.example' } } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: certificateArn }] });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, DefaultActions: [Match.objectLike({ Type: 'redirect' })] });
    expect(stack.compute.api.environment.get('PUBLIC_BASE_URL')).toBe('https://staging.bharatsense.example');
    expect(nag.validateScope(app).violations).toEqual([]);
  });
});
