/**
 * The stage's network: two AZs named explicitly (no context lookup, so synth works offline),
 * public subnets for the ALB and NAT, private subnets for the tasks, isolated subnets for Redis.
 * Gateway endpoints keep DynamoDB and S3 traffic off the NAT. Flow logs for the record.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage.js';

export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: [`${settings.region}a`, `${settings.region}b`],
      natGateways: settings.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 },
      ],
      gatewayEndpoints: {
        s3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        dynamodb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
      // The default security group gets no rules: nothing can use it by accident.
      restrictDefaultSecurityGroup: true,
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: LOG_RETENTION,
      removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.REJECT });
  }
}
