/**
 * One stage of BharatSense on AWS. The constructs per concern are built here and the two
 * services are bound to them; the bindings below ARE the services' configuration (which
 * variables, which permissions), read top to bottom.
 */
import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { APP_DEFAULTS } from './app-config.js';
import { Analytics } from './constructs/analytics.js';
import type { AppService } from './constructs/app-service.js';
import { Auth } from './constructs/auth.js';
import { Backups } from './constructs/backup.js';
import { Cache } from './constructs/cache.js';
import { Compute } from './constructs/compute.js';
import { Data, tableDefinitions, type TableKey } from './constructs/data.js';
import { Keys } from './constructs/keys.js';
import { Network } from './constructs/network.js';
import { Observability } from './constructs/observability.js';
import { Secrets } from './constructs/secrets.js';
import { Storage } from './constructs/storage.js';
import type { StageSettings } from './stage.js';

/** The repository root: the Docker build context (see /Dockerfile and /.dockerignore). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BharatSenseStackProps extends StackProps {
  settings: StageSettings;
  /** The app image; by default built from the repository's Dockerfile at deploy time (hashed offline at synth). */
  image?: ecs.ContainerImage;
}

export class BharatSenseStack extends Stack {
  readonly keys: Keys;
  readonly data: Data;
  readonly storage: Storage;
  readonly secrets: Secrets;
  readonly cache: Cache;
  readonly auth: Auth;
  readonly analytics: Analytics;
  readonly compute: Compute;
  readonly observability: Observability;
  readonly backups?: Backups;

  constructor(scope: Construct, id: string, props: BharatSenseStackProps) {
    const { settings } = props;
    super(scope, id, { ...props, env: { ...props.env, region: settings.region }, description: `BharatSense ${settings.stage}: WhatsApp/SMS retail copilot` });
    Tags.of(this).add('project', 'bharatsense');
    Tags.of(this).add('stage', settings.stage);

    this.keys = new Keys(this, 'Keys', settings);
    const network = new Network(this, 'Network', settings);
    this.data = new Data(this, 'Data', { settings, key: this.keys.data });
    this.storage = new Storage(this, 'Storage', { settings, key: this.keys.data });
    this.secrets = new Secrets(this, 'Secrets', { settings, key: this.keys.data });
    this.cache = new Cache(this, 'Cache', { settings, vpc: network.vpc, key: this.keys.data });
    this.auth = new Auth(this, 'Auth', settings);
    this.analytics = new Analytics(this, 'Analytics', { settings, lake: this.storage.lake, key: this.keys.data });

    const image =
      props.image ??
      ecs.ContainerImage.fromDockerImageAsset(new ecrAssets.DockerImageAsset(this, 'Image', { directory: REPO_ROOT, platform: ecrAssets.Platform.LINUX_AMD64 }));
    this.compute = new Compute(this, 'Compute', { settings, vpc: network.vpc, image, logBucket: this.storage.logs });
    const { api, worker } = this.compute;

    // What both services need: the tables, the lake, Athena, Redis, personal-data encryption, Twilio.
    for (const service of [api, worker]) this.bindCommon(service, settings);
    // The API: people's logins. Queue work (and so Bedrock and the price sources) stays with the workers.
    api.bindCognito(this.auth, this.auth.client, this.secrets.authJwtSecret);
    worker.bindBedrock(settings.bedrock).bindDataGov(this.secrets.dataGov);

    this.observability = new Observability(this, 'Observability', {
      settings,
      key: this.keys.data,
      alb: this.compute.alb,
      targetGroup: this.compute.targetGroup,
      api,
      worker,
      redis: this.cache.replicationGroup,
    });
    if (settings.production) {
      this.backups = new Backups(this, 'Backups', { settings, key: this.keys.data, tables: Object.values(this.data.tables) });
    }

    new CfnOutput(this, 'PublicUrl', { value: this.compute.publicUrl, description: 'PUBLIC_BASE_URL: Twilio webhooks go to <url>/webhooks/twilio/inbound' });
    new CfnOutput(this, 'LakeBucket', { value: this.storage.lake.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'AlarmTopic', { value: this.observability.topic.topicArn });
  }

  private bindCommon(service: AppService, settings: StageSettings): void {
    const defs = tableDefinitions();
    const tables = (Object.keys(this.data.tables) as TableKey[]).map((key) => ({ table: this.data.tables[key], def: defs[key] }));
    service
      .bindTables(this.data.tablePrefix, tables, this.keys.data)
      .bindBucket(this.storage.lake, this.keys.data)
      .bindAthena(this.analytics, this.storage.lake, this.keys.data)
      .bindRedis(this.cache, APP_DEFAULTS.QUEUE_PREFIX)
      .bindKmsKey(this.keys.pii, this.secrets.piiIndexKey)
      .bindTwilio(this.secrets.twilio, settings.twilio)
      .bindPublicUrl(this.compute.publicUrl);
  }
}
