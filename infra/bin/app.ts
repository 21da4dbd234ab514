/**
 * CDK entry (cdk.json `app`): the stacks of the stage chosen by context (`-c stage=prod`) or VANTHU_STAGE.
 * Offline synth: `CDK_DISABLE_CLI_TELEMETRY=true npx cdk synth --no-notices`; with `-c nag=true` cdk-nag's
 * AwsSolutions pack runs too and the synth fails on any finding infra/stacks/nag.ts does not acknowledge.
 */
import { App } from 'aws-cdk-lib';
import { readDeployConfig } from '../stacks/config.ts';
import { checkWithNag } from '../stacks/nag.ts';
import { defineVanthu } from '../stacks/vanthu.ts';

const app = new App();
const stacks = defineVanthu(app, {
  config: readDeployConfig(app.node),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
const nag: unknown = app.node.tryGetContext('nag');
if (nag === true || nag === 'true') checkWithNag(app, stacks);
