/**
 * Synthesises one stage to CloudFormation in infra/cdk.out, with or without the CDK CLI:
 *   npm run -s synth -w infra                      (dev)
 *   STAGE=prod npm run -s synth -w infra
 *   npm run -s synth -w infra -- -c stage=prod     (or --stage prod)
 *   npx cdk synth -c stage=prod                    (the CLI runs this file, see cdk.json)
 */
import { rmSync } from 'node:fs';
import { buildApp } from '../lib/app.js';

/** `-c key=value` / `--context key=value` pairs and `--stage x`, as the CDK CLI would pass them. */
function argvContext(argv: string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if ((arg === '-c' || arg === '--context') && argv[i + 1]) {
      const [key, ...value] = argv[++i]!.split('=');
      if (key) context[key] = value.join('=');
    } else if (arg === '--stage' && argv[i + 1]) {
      context.stage = argv[++i]!;
    }
  }
  return context;
}

// Run by hand, start from an empty cdk.out so it holds only this stage (the CLI manages its own outdir).
if (!process.env.CDK_OUTDIR) rmSync('cdk.out', { recursive: true, force: true });
const { app } = buildApp({ appProps: { outdir: process.env.CDK_OUTDIR ?? 'cdk.out', context: argvContext(process.argv.slice(2)) } });
const assembly = app.synth();
for (const stack of assembly.stacks) console.log(`${stack.stackName}: ${stack.templateFullPath}`);
