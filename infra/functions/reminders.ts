import type { FunctionDefinition } from '../definitions.ts';
import { api } from './api.ts';

/**
 * The functions of the reminders area (deadline watcher, nhắc việc), appended to `functions` in
 * infra/definitions.ts. Plain literals: this module must not call helpers of definitions.ts, which imports it.
 */
export const reminderFunctions: readonly FunctionDefinition[] = [
  {
    name: 'deadline-watcher',
    entry: 'functions/schedule/deadline-watcher.ts',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    timeoutSeconds: 300,
    memoryMb: 512,
    access: { table: 'readwrite', sendsEmail: true },
  },
  api('list-notifications', [{ method: 'GET', path: '/notifications', auth: 'jwt' }], { table: 'read' }),
];
