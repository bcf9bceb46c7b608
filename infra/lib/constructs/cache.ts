/**
 * Redis for BullMQ and the rate limiters: an ElastiCache replication group with TLS in transit,
 * an AUTH token, encryption at rest with the data key and `maxmemory-policy noeviction` (BullMQ
 * loses jobs silently if Redis evicts keys). Multi-AZ with automatic failover in prod.
 * The app gets one `REDIS_URL` secret: `rediss://:<token>@<primary endpoint>:<port>`.
 */
import { Fn, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { StageSettings } from '../stage.js';

/** Not 6379: a scanner knocking on the default port finds nothing. */
export const REDIS_PORT = 6380;

export interface CacheProps {
  settings: StageSettings;
  vpc: ec2.IVpc;
  key: kms.IKey;
}

export class Cache extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  /** The whole `REDIS_URL`, token included. */
  readonly url: secretsmanager.Secret;

  constructor(scope: Construct, id: string, { settings, vpc, key }: CacheProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'Redis: reachable only from the app tasks on the Redis port',
      allowAllOutbound: false,
    });
    const subnets = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'Redis in the isolated subnets',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const parameters = new elasticache.CfnParameterGroup(this, 'Parameters', {
      cacheParameterGroupFamily: 'redis7',
      description: 'BullMQ: never evict keys',
      properties: { 'maxmemory-policy': 'noeviction' },
    });
    // Alphanumeric only: the token sits inside a URL.
    const token = new secretsmanager.Secret(this, 'AuthToken', {
      description: 'Redis AUTH token',
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const multiAz = settings.redisNodes > 1;
    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupDescription: `BharatSense ${settings.stage} queues and rate limits`,
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: settings.redisNodeType,
      numCacheClusters: settings.redisNodes,
      automaticFailoverEnabled: multiAz,
      multiAzEnabled: multiAz,
      port: REDIS_PORT,
      cacheParameterGroupName: parameters.ref,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      kmsKeyId: key.keyId,
      authToken: token.secretValue.unsafeUnwrap(),
      snapshotRetentionLimit: settings.production ? 7 : 1,
      autoMinorVersionUpgrade: true,
    });
    this.replicationGroup.applyRemovalPolicy(settings.production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY);

    // Built by CloudFormation from the token (a dynamic reference) and the endpoint: never in clear in the template.
    this.url = new secretsmanager.Secret(this, 'Url', {
      description: 'REDIS_URL of the app (rediss://:token@primary:port)',
      encryptionKey: key,
      secretStringValue: SecretValue.unsafePlainText(
        Fn.join('', ['rediss://:', token.secretValue.unsafeUnwrap(), '@', this.replicationGroup.attrPrimaryEndPointAddress, ':', this.replicationGroup.attrPrimaryEndPointPort]),
      ),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    for (const secret of [token, this.url]) {
      acknowledge(secret, 'AwsSolutions-SMG4', 'The Redis AUTH token can only change through a coordinated ElastiCache update (AuthTokenUpdateStrategy ROTATE, then SET); a scheduled Secrets Manager rotation would leave Redis and the app with different tokens.');
    }
    if (!multiAz) {
      acknowledge(this.replicationGroup, 'AwsSolutions-AEC4', 'dev and staging run one Redis node to save cost; prod runs Multi-AZ with automatic failover.');
    }
  }

  /** Lets `peer` reach Redis on its port, and nothing else. */
  allowFrom(peer: ec2.SecurityGroup): void {
    this.securityGroup.addIngressRule(peer, ec2.Port.tcp(REDIS_PORT), 'app tasks to Redis');
    peer.addEgressRule(this.securityGroup, ec2.Port.tcp(REDIS_PORT), 'to Redis');
  }
}
