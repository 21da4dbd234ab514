import type { RouteContract } from '../contract.ts';
import { agencyHistoryContract, createAgencyContract, getAgencyContract, importAgenciesContract, listAgenciesContract, updateAgencyContract } from './agencies.ts';
import { documentHistoryContract, getDocumentContract, listDocumentsContract, registerIncomingContract } from './documents.ts';
import { fileContracts } from './files.ts';
import { recordContracts } from './records.ts';
import { registerContracts } from './registers.ts';
import { reminderContracts } from './reminders.ts';
import { webhookContracts } from './webhooks.ts';
import { reportContracts } from './reports.ts';
import { workflowContracts } from './workflow.ts';
import { devTokenContract, healthContract, openapiContract } from './system.ts';

/** Every route contract, in the order the OpenAPI document lists them. */
export const allContracts: readonly RouteContract[] = [
  healthContract,
  openapiContract,
  devTokenContract,
  listAgenciesContract,
  getAgencyContract,
  agencyHistoryContract,
  createAgencyContract,
  updateAgencyContract,
  importAgenciesContract,
  registerIncomingContract,
  listDocumentsContract,
  getDocumentContract,
  documentHistoryContract,
  ...workflowContracts,
  ...registerContracts,
  ...reportContracts,
  ...reminderContracts,
  ...recordContracts,
  ...fileContracts,
  ...webhookContracts,
];
