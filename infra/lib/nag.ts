/**
 * cdk-nag (v3) acknowledgements. Every rule we accept is written down here with the reason,
 * next to the construct it concerns, so a reviewer reads why in one line.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Accepts a cdk-nag finding on `scope` (and its children) for a stated reason. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`cdk-nag acknowledgement ${id} needs a real reason`);
  Validations.of(scope).acknowledge({ id, reason });
}
