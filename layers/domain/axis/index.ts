/** The national axis port: import from `#domain/axis/index`. */
export type { AxisAcknowledgement, AxisMessageType, AxisPort, AxisRequestSigner, AxisSignableRequest, SendEdocRequest } from './port.ts';
export { axisMessageTypes } from './port.ts';
export {
  agencyRowSchema,
  countAnswerSchema,
  getEdocAnswerSchema,
  isVdxpSuccess,
  listAnswerSchema,
  receivedRowSchema,
  sendEdocAnswerSchema,
  sentRowSchema,
  vdxpEnvelopeSchema,
} from './answers.ts';
export type { AxisAgencyRow, ReceivedItem, SentItem, VdxpEnvelope } from './answers.ts';
export { AxisError, AxisRejectedError, AxisUnavailableError } from './errors.ts';
export type { UnavailableReason } from './errors.ts';
