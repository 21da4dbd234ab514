import type { RouteContract } from '../contract.ts';
import { healthContract } from './health.ts';
import { openapiContract } from './openapi.ts';
import { getVocabularyContract } from './get-vocabulary.ts';
import { devTokenContract } from './dev-token.ts';
import { devUsersContract } from './dev-users.ts';
import { listAgenciesContract } from './list-agencies.ts';
import { getAgencyContract } from './get-agency.ts';
import { agencyHistoryContract } from './agency-history.ts';
import { createAgencyContract } from './create-agency.ts';
import { updateAgencyContract } from './update-agency.ts';
import { importAgenciesContract } from './import-agencies.ts';
import { registerIncomingContract } from './register-incoming.ts';
import { listDocumentsContract } from './list-documents.ts';
import { getDocumentContract } from './get-document.ts';
import { documentHistoryContract } from './document-history.ts';
import { createOutgoingContract } from './create-outgoing.ts';
import { editDraftContract } from './edit-draft.ts';
import { registerArrivedContract } from './register-arrived.ts';
import { returnContract } from './return-incoming.ts';
import { assignContract } from './assign-incoming.ts';
import { progressContract } from './progress-incoming.ts';
import { completeContract } from './complete-incoming.ts';
import { submitContract } from './submit-outgoing.ts';
import { approveContract } from './approve-outgoing.ts';
import { rejectContract } from './reject-outgoing.ts';
import { issueContract } from './issue-outgoing.ts';
import { prepareSignatureContract } from './prepare-signature.ts';
import { completeSignatureContract } from './complete-signature.ts';
import { revokeContract } from './revoke-outgoing.ts';
import { updateContract } from './update-outgoing.ts';
import { replaceContract } from './replace-outgoing.ts';
import { decideRequestContract } from './decide-sender-request.ts';
import { readNumberingContract } from './read-numbering.ts';
import { configureNumberingContract } from './configure-numbering.ts';
import { registerListContract } from './list-registers.ts';
import { registerContract } from './read-register.ts';
import { kpiReportContract } from './kpi-report.ts';
import { kpiPeopleReportContract } from './kpi-people-report.ts';
import { exchangeReportContract } from './exchange-report.ts';
import { overdueReportContract } from './overdue-report.ts';
import { listNotificationsContract } from './list-notifications.ts';
import { readNotificationContract } from './read-notification.ts';
import { myWorkContract } from './my-work.ts';
import { createRecordContract } from './create-record.ts';
import { listRecordsContract } from './list-records.ts';
import { getRecordContract } from './get-record.ts';
import { addRecordDocumentContract } from './add-record-document.ts';
import { closeRecordContract } from './close-record.ts';
import { exportRecordContract } from './export-record.ts';
import { documentRecordsContract } from './document-records.ts';
import { createFileUploadContract } from './create-file-upload.ts';
import { listFilesContract } from './list-files.ts';
import { getFileContract } from './get-file.ts';
import { getReceivedPackageContract } from './get-received-package.ts';
import { receiveWebhookContract } from './receive-webhook.ts';
import { createWebhookKeyContract } from './create-webhook-key.ts';
import { listWebhookKeysContract } from './list-webhook-keys.ts';
import { revokeWebhookKeyContract } from './revoke-webhook-key.ts';
import { putWebhookEndpointContract } from './put-webhook-endpoint.ts';
import { getWebhookEndpointContract } from './get-webhook-endpoint.ts';
import { listWebhookDeliveriesContract } from './list-webhook-deliveries.ts';
import { replayWebhookDeliveryContract } from './replay-webhook-delivery.ts';
import { listDeliveriesContract } from './list-deliveries.ts';
import { listUnitsContract } from './list-units.ts';
import { putUnitContract } from './put-unit.ts';
import { listUsersContract } from './list-users.ts';
import { getUserContract } from './get-user.ts';
import { putUserContract } from './put-user.ts';

/**
 * Every operation, one module each (./<operation>.ts, named after its function), in the order the OpenAPI
 * document lists them. The schemas they share live with their area in ../contracts/<area>.ts.
 */
export const allContracts: readonly RouteContract[] = [
  healthContract,
  openapiContract,
  getVocabularyContract,
  devTokenContract,
  devUsersContract,
  listAgenciesContract,
  getAgencyContract,
  agencyHistoryContract,
  createAgencyContract,
  updateAgencyContract,
  importAgenciesContract,
  listUnitsContract,
  putUnitContract,
  listUsersContract,
  getUserContract,
  putUserContract,
  registerIncomingContract,
  listDocumentsContract,
  getDocumentContract,
  documentHistoryContract,
  createOutgoingContract,
  editDraftContract,
  registerArrivedContract,
  returnContract,
  assignContract,
  progressContract,
  completeContract,
  submitContract,
  approveContract,
  rejectContract,
  prepareSignatureContract,
  completeSignatureContract,
  issueContract,
  revokeContract,
  updateContract,
  replaceContract,
  decideRequestContract,
  readNumberingContract,
  configureNumberingContract,
  registerListContract,
  registerContract,
  kpiReportContract,
  kpiPeopleReportContract,
  exchangeReportContract,
  overdueReportContract,
  listNotificationsContract,
  readNotificationContract,
  myWorkContract,
  createRecordContract,
  listRecordsContract,
  getRecordContract,
  addRecordDocumentContract,
  closeRecordContract,
  exportRecordContract,
  documentRecordsContract,
  createFileUploadContract,
  listFilesContract,
  getFileContract,
  getReceivedPackageContract,
  receiveWebhookContract,
  createWebhookKeyContract,
  listWebhookKeysContract,
  revokeWebhookKeyContract,
  putWebhookEndpointContract,
  getWebhookEndpointContract,
  listWebhookDeliveriesContract,
  replayWebhookDeliveryContract,
  listDeliveriesContract,
];
