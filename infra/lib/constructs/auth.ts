/**
 * People's logins on AWS: a Cognito user pool whose ID tokens the API verifies (RS256 from the
 * pool's JWKS). Groups `owner` and `admin` become the token's `cognito:groups`; an owner's store
 * is `custom:store_id`, which only admins (through the Cognito admin API) can set: the panel's
 * client may read it but not write it.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { StageSettings } from '../stage.js';

/** The roles the app's RBAC knows (src/api auth). */
export const USER_GROUPS = ['owner', 'admin'] as const;
export const STORE_ID_ATTRIBUTE = 'store_id';

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: `${settings.prefix}-users`,
      // Admins create accounts (owners are onboarded by chat first); nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true, phone: true },
      customAttributes: { [STORE_ID_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 2, maxLen: 63, mutable: true }) },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: settings.production
        ? cognito.StandardThreatProtectionMode.FULL_FUNCTION
        : cognito.StandardThreatProtectionMode.AUDIT_ONLY,
      deletionProtection: settings.production,
      removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP): owners sign in on basic shared shop phones without an authenticator app. Admins should enrol; enforcing it per group needs a sign-in trigger (follow-up).',
    );
    const smsRole = this.userPool.node.tryFindChild('smsRole');
    if (smsRole) {
      acknowledge(smsRole, 'AwsSolutions-IAM5[Resource::*]', "Cognito's role for phone verification codes: sns:Publish to a phone number has no resource ARN to name.");
    }
    for (const groupName of USER_GROUPS) {
      new cognito.UserPoolGroup(this, `Group-${groupName}`, { userPool: this.userPool, groupName, description: `BharatSense ${groupName}s` });
    }
    this.client = this.userPool.addClient('Panel', {
      userPoolClientName: `${settings.prefix}-panel`,
      // A browser app: no client secret, SRP so the password never leaves the browser.
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, phoneNumber: true, fullname: true })
        .withCustomAttributes(STORE_ID_ATTRIBUTE),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }

  /** `AUTH_ISSUER`: the `iss` of the pool's tokens. */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /** `AUTH_JWKS_URL`. */
  get jwksUrl(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }
}
