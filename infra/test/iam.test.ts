import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_DEFAULTS } from '../lib/app-config.js';
import { PII_ENCRYPTION_CONTEXT } from '../lib/constructs/app-service.js';
import { tableDefinitions } from '../lib/constructs/data.js';
import { asArray, flatten, policyStatements, synth, type Synthesized } from './support/synth.js';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: Record<string, Record<string, string>> };

/** Actions that have no resource-level permission in IAM: the only ones allowed on `*`. */
const RESOURCE_STAR_ALLOWED = new Set([
  'ecr:GetAuthorizationToken', // image pull
  'sns:Publish', // Cognito's SMS codes go to phone numbers
]);

describe('IAM least privilege', () => {
  let stages: Synthesized[];
  beforeAll(() => {
    stages = [synth('dev'), synth('prod')];
  });

  const statementsOf = (s: Synthesized) => policyStatements(s.template).map(({ owner, statement }) => ({ owner, statement: statement as unknown as Statement }));
  const taskRoleStatements = (s: Synthesized, service: 'Api' | 'Worker') =>
    statementsOf(s).filter(({ owner }) => owner.startsWith(`Compute${service}TaskRoleDefaultPolicy`)).map(({ statement }) => statement);

  it('grants no data action on "*" anywhere', () => {
    for (const s of stages) {
      for (const { owner, statement } of statementsOf(s)) {
        if (!asArray(statement.Resource).includes('*')) continue;
        for (const action of asArray(statement.Action)) expect(RESOURCE_STAR_ALLOWED.has(action), `${owner}: ${action} on *`).toBe(true);
      }
    }
  });

  it('gives the task roles no wildcard actions', () => {
    for (const service of ['Api', 'Worker'] as const) {
      for (const statement of taskRoleStatements(synth('dev'), service)) {
        for (const action of asArray(statement.Action)) expect(action, `${service}: ${action}`).not.toContain('*');
      }
    }
  });

  it('lets only the workers call Bedrock: InvokeModel (which authorises Converse) on the two configured models', () => {
    const bedrock = (service: 'Api' | 'Worker') => taskRoleStatements(synth('dev'), service).filter((st) => asArray(st.Action).some((a) => a.startsWith('bedrock:')));
    expect(bedrock('Api')).toEqual([]);
    const [statement, ...rest] = bedrock('Worker');
    expect(rest).toEqual([]);
    expect(statement!.Action).toBe('bedrock:InvokeModel');
    const region = APP_DEFAULTS.BEDROCK_REGION;
    expect(asArray(statement!.Resource).map(flatten).sort()).toEqual(
      [APP_DEFAULTS.BEDROCK_PRIMARY_MODEL, APP_DEFAULTS.BEDROCK_FALLBACK_MODEL].map((m) => `arn:aws:bedrock:${region}::foundation-model/${m}`).sort(),
    );
  });

  it('scopes table access to the app tables and their named indexes', () => {
    const [statement] = taskRoleStatements(synth('dev'), 'Api').filter((st) => asArray(st.Action).includes('dynamodb:GetItem'));
    const resources = asArray(statement!.Resource).map(flatten);
    const defs = Object.values(tableDefinitions());
    expect(resources).toHaveLength(defs.length + defs.reduce((n, d) => n + Object.keys(d.indexes ?? {}).length, 0));
    for (const r of resources) expect(r).toMatch(/^data[a-z0-9]+\.arn(\/index\/[A-Za-z]+)?$/);
    expect(resources.filter((r) => r.endsWith('/index/byLocation'))).toHaveLength(1);
  });

  it('uses the PII key only under the app\'s encryption context', () => {
    const adapter = readFileSync(new URL('../../src/crypto/kms/kms-envelope-cipher.adapter.ts', import.meta.url), 'utf8');
    expect(adapter).toContain(`ENCRYPTION_CONTEXT = { purpose: '${PII_ENCRYPTION_CONTEXT.purpose}' }`);
    for (const service of ['Api', 'Worker'] as const) {
      const pii = taskRoleStatements(synth('dev'), service).filter((st) => asArray(st.Action).includes('kms:GenerateDataKey') && st.Condition?.StringEquals?.['kms:EncryptionContext:purpose']);
      expect(pii).toHaveLength(1);
      expect(pii[0]!.Condition!.StringEquals!['kms:EncryptionContext:purpose']).toBe(PII_ENCRYPTION_CONTEXT.purpose);
      expect(asArray(pii[0]!.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    }
  });

  it('uses the data key only through DynamoDB and S3', () => {
    const dataKey = taskRoleStatements(synth('dev'), 'Api').filter((st) => asArray(st.Action).includes('kms:Encrypt'));
    expect(dataKey.map((st) => flatten(st.Condition!.StringEquals!['kms:ViaService'])).sort()).toEqual(['dynamodb.ap-south-1.amazonaws.com', 's3.ap-south-1.amazonaws.com']);
  });
});
