/**
 * Deployment stages and their settings. A stage comes from `-c stage=…` (CDK context), else the
 * `STAGE` environment variable, else `dev`. Everything that differs between stages is decided
 * here, so the constructs read one settings object instead of comparing stage names.
 */
import type { Node } from 'constructs';
import { APP_DEFAULTS } from './app-config.js';

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageSettings {
  stage: StageName;
  /** Where the stack runs (the app's own default region: Mumbai). */
  region: string;
  /** Prod only: where the lake is replicated (Hyderabad keeps the data in India). */
  replicaRegion: string;
  /** Prefix of every named resource: `bharatsense-<stage>`. */
  prefix: string;
  /** Retain data, deletion protection, Multi-AZ Redis, cross-region replication, hourly backups. */
  production: boolean;
  natGateways: number;
  redisNodeType: string;
  /** Redis nodes: 2 gives a replica in the second AZ with automatic failover. */
  redisNodes: number;
  api: { cpu: number; memoryMiB: number; min: number; max: number };
  worker: { cpu: number; memoryMiB: number; min: number; max: number };
  bedrock: { region: string; primaryModel: string; fallbackModel?: string };
  twilio: { whatsappFrom?: string; smsFrom?: string };
  /** HTTPS on the ALB when set (ACM certificate in `region`), and the public URL Twilio signs. */
  certificateArn?: string;
  domainName?: string;
  /** Alarm notifications are e-mailed here when set. */
  alarmEmail?: string;
}

function contextString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Parses the stage name; anything else is an error that names the valid ones. */
export function parseStage(value: string | undefined): StageName {
  const stage = value ?? 'dev';
  if (!(STAGES as readonly string[]).includes(stage)) throw new Error(`Unknown stage "${stage}": use one of ${STAGES.join(', ')}`);
  return stage as StageName;
}

/** The settings of one stage, from its name and the optional context overrides. */
export function stageSettings(node: Node, stage: StageName): StageSettings {
  const production = stage === 'prod';
  const ctx = (key: string) => contextString(node, key);
  const fallbackModel = ctx('bedrockFallbackModel') ?? APP_DEFAULTS.BEDROCK_FALLBACK_MODEL;
  return {
    stage,
    region: ctx('region') ?? APP_DEFAULTS.AWS_REGION,
    replicaRegion: ctx('replicaRegion') ?? 'ap-south-2',
    prefix: `bharatsense-${stage}`,
    production,
    natGateways: production ? 2 : 1,
    redisNodeType: ctx('redisNodeType') ?? (production ? 'cache.t4g.medium' : 'cache.t4g.micro'),
    redisNodes: production ? 2 : 1,
    api: production ? { cpu: 1024, memoryMiB: 2048, min: 2, max: 8 } : { cpu: 512, memoryMiB: 1024, min: 1, max: 2 },
    worker: production ? { cpu: 1024, memoryMiB: 2048, min: 2, max: 12 } : { cpu: 1024, memoryMiB: 2048, min: 1, max: 3 },
    bedrock: {
      region: ctx('bedrockRegion') ?? APP_DEFAULTS.BEDROCK_REGION,
      primaryModel: ctx('bedrockPrimaryModel') ?? APP_DEFAULTS.BEDROCK_PRIMARY_MODEL,
      ...(fallbackModel ? { fallbackModel } : {}),
    },
    twilio: {
      // Twilio's WhatsApp sandbox sender until the stage's approved number is given.
      whatsappFrom: ctx('twilioWhatsappFrom') ?? 'whatsapp:+14155238886',
      ...(ctx('twilioSmsFrom') ? { smsFrom: ctx('twilioSmsFrom') } : {}),
    },
    ...(ctx('certificateArn') ? { certificateArn: ctx('certificateArn') } : {}),
    ...(ctx('domainName') ? { domainName: ctx('domainName') } : {}),
    ...(ctx('alarmEmail') ? { alarmEmail: ctx('alarmEmail') } : {}),
  };
}
