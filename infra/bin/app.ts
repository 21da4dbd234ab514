/**
 * CDK entry (cdk.json `app`): the stacks of the stage chosen by context (`-c stage=prod`) or VANTHU_STAGE.
 * Offline synth: `CDK_DISABLE_CLI_TELEMETRY=true npx cdk synth --no-notices`.
 */
import { App } from 'aws-cdk-lib';
import { readDeployConfig } from '../stacks/config.ts';
import { defineVanthu } from '../stacks/vanthu.ts';

const app = new App();
defineVanthu(app, {
  config: readDeployConfig(app.node),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
