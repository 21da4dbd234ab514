import type { FunctionDefinition } from '../definitions.ts';

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
  {
    name: 'list-notifications',
    entry: 'functions/http/list-notifications.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/notifications', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
];
