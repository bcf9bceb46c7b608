/**
 * Builds the CDK app for one stage: the stage's stack, prod's replica stack, and cdk-nag's
 * AWS Solutions checks on everything (synth fails on an unacknowledged finding).
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BharatSenseStack } from './bharatsense-stack.js';
import { ReplicaStack } from './replica-stack.js';
import { parseStage, stageSettings, type StageName } from './stage.js';

export interface BuiltApp {
  app: App;
  stack: BharatSenseStack;
  replica?: ReplicaStack;
  nag: AwsSolutionsChecks;
}

/** The stack name of a stage: `BharatSense-<stage>`. */
export const stackName = (stage: StageName): string => `BharatSense-${stage}`;

export function buildApp(options: { stage?: string; appProps?: AppProps; nag?: boolean } = {}): BuiltApp {
  const app = new App(options.appProps);
  const contextStage: unknown = app.node.tryGetContext('stage');
  const stage = parseStage(options.stage ?? (typeof contextStage === 'string' ? contextStage : undefined) ?? process.env.STAGE);
  const settings = stageSettings(app.node, stage);
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const env = account ? { account } : {};
  const replica = settings.production ? new ReplicaStack(app, `${stackName(stage)}-replica`, settings, { env }) : undefined;
  const stack = new BharatSenseStack(app, stackName(stage), { settings, env });
  // Replication needs the replica bucket to exist first.
  if (replica) stack.addStackDependency(replica, 'the lake replicates into the replica bucket');
  const nag = new AwsSolutionsChecks(app);
  if (options.nag !== false) Validations.of(app).addPlugins(nag);
  return { app, stack, ...(replica ? { replica } : {}), nag };
}
