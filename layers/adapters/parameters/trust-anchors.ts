import { pemBlocks } from '../signing/pem.ts';
import { signingParameters, type StageParameters } from './stage-parameters.ts';

/** The trust anchors of the stage: every PEM certificate under `signing/trust-anchors` (one parameter or several). */
export async function trustAnchorsOf(parameters: Pick<StageParameters, 'under'>): Promise<readonly Uint8Array[]> {
  const texts = await parameters.under(signingParameters.trustAnchors);
  return [...texts.values()].flatMap((text) => pemBlocks(text, 'CERTIFICATE'));
}
