import { required } from '../config.ts';
import { env } from '../environment.ts';
import { lazy } from '../lazy.ts';
import { StageParameters } from '../parameters/stage-parameters.ts';

/** The stage's parameters (SSM under VANTHU_CONFIG_PATH), one reader per function so its cache is shared; read through the aws-config engine. */
export const stageParameters = lazy(() => new StageParameters(async (path) => (await import('#engines/aws-config')).parametersUnder(path), required(env.configPath)));
