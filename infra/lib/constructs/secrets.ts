/**
 * Secrets Manager secrets the services read at task start (ECS injects them as environment
 * variables; they never appear in a template or a task definition in clear). All are encrypted
 * with the stage's data key and kept when the stack goes: losing the blind-index key would make
 * every stored phone number unfindable.
 *
 * Third-party credentials start EMPTY (the app treats an empty variable as unset: replies go to
 * the local outbox, prices come from the bundled snapshot) and are filled in by an operator:
 *   aws secretsmanager put-secret-value --secret-id bharatsense-<stage>/twilio \
 *     --secret-string '{"TWILIO_ACCOUNT_SID":"AC…","TWILIO_AUTH_TOKEN":"…"}'
 * then `aws ecs update-service --force-new-deployment` for both services.
 */
import { Fn, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { StageSettings } from '../stage.js';

/** Everything Secrets Manager's generator may use except the base64 alphabet's `+` and `/`. */
const NOT_BASE64 = '!"#$%&\'()*,-.:;<=>?@[\\]^_`{|}~';

export interface SecretsProps {
  settings: StageSettings;
  key: kms.IKey;
}

export class Secrets extends Construct {
  /** JSON: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN. */
  readonly twilio: secretsmanager.Secret;
  /** JSON: DATAGOV_API_KEY. */
  readonly dataGov: secretsmanager.Secret;
  /** PII_INDEX_KEY: 32 random bytes, base64 (the blind-index key). */
  readonly piiIndexKey: secretsmanager.Secret;
  /** AUTH_JWT_SECRET: the HS256 secret of the app's own login tokens, shared by every API task. */
  readonly authJwtSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, { settings, key }: SecretsProps) {
    super(scope, id);
    const name = (suffix: string) => `${settings.prefix}/${suffix}`;
    const common = { encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN } as const;

    this.twilio = new secretsmanager.Secret(this, 'Twilio', {
      ...common,
      secretName: name('twilio'),
      description: 'Twilio account SID and auth token (set by an operator; empty: replies go to the local outbox)',
      secretObjectValue: { TWILIO_ACCOUNT_SID: SecretValue.unsafePlainText(''), TWILIO_AUTH_TOKEN: SecretValue.unsafePlainText('') },
    });
    this.dataGov = new secretsmanager.Secret(this, 'DataGov', {
      ...common,
      secretName: name('datagov'),
      description: 'data.gov.in API key for AGMARKNET prices (set by an operator; empty: the bundled snapshot answers)',
      secretObjectValue: { DATAGOV_API_KEY: SecretValue.unsafePlainText('') },
    });
    this.authJwtSecret = new secretsmanager.Secret(this, 'AuthJwtSecret', {
      ...common,
      secretName: name('auth-jwt-secret'),
      description: 'HS256 secret of the app login tokens (AUTH_JWT_SECRET)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    // The app wants exactly 32 bytes in padded base64 (44 characters). Secrets Manager cannot
    // generate that, so a 42-character base64-alphabet seed is generated once and the key is
    // the seed + "A=" (252 random bits), resolved by CloudFormation at deploy time: never in the template.
    const seed = new secretsmanager.Secret(this, 'PiiIndexSeed', {
      ...common,
      secretName: name('pii-index-seed'),
      description: 'Random seed of PII_INDEX_KEY; never rotate (the blind indexes would no longer match)',
      generateSecretString: { passwordLength: 42, excludeCharacters: NOT_BASE64, includeSpace: false, requireEachIncludedType: false },
    });
    this.piiIndexKey = new secretsmanager.Secret(this, 'PiiIndexKey', {
      ...common,
      secretName: name('pii-index-key'),
      description: 'PII_INDEX_KEY: blind-index key (base64, 32 bytes); never rotate',
      secretStringValue: SecretValue.unsafePlainText(Fn.join('', [seed.secretValue.unsafeUnwrap(), 'A='])),
    });

    for (const secret of [this.twilio, this.dataGov]) {
      acknowledge(secret, 'AwsSolutions-SMG4', 'A third-party credential: it is rotated at the provider (Twilio console, data.gov.in) and put here by an operator.');
    }
    for (const secret of [seed, this.piiIndexKey]) {
      acknowledge(secret, 'AwsSolutions-SMG4', 'The blind-index key must never change: rotating it would orphan every stored phone and email index.');
    }
    acknowledge(
      this.authJwtSecret,
      'AwsSolutions-SMG4',
      'Rotating the login-token secret signs every owner and admin out at once; it is rotated by a deliberate redeploy, not on a schedule.',
    );
  }
}
