import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { FunctionDefinition } from '../definitions.ts';
import { invoke, type EnvironmentOf } from './lambda-context.ts';

/**
 * EventBridge schedules, locally: each scheduled function runs every `everyMinutes` (divided by
 * `speedup`, so tests and demos need not wait), never overlapping itself.
 */
export function startSchedules(options: { root: string; functions: readonly FunctionDefinition[]; environmentOf: EnvironmentOf; speedup: number }): { stop(): void } {
  const timers = options.functions.flatMap((fn) => {
    if (fn.trigger.kind !== 'schedule') return [];
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        await invoke(options.root, fn, options.environmentOf(fn), scheduledEvent(fn));
      } catch (error) {
        process.stderr.write(`schedule ${fn.name}: ${(error as Error).message}\n`);
      } finally {
        busy = false;
      }
    };
    return [setInterval(() => void tick(), (fn.trigger.everyMinutes * 60_000) / options.speedup)];
  });
  return { stop: () => timers.forEach(clearInterval) };
}

function scheduledEvent(fn: FunctionDefinition): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'local',
    resources: [`arn:aws:scheduler:local:000000000000:schedule/${fn.name}`],
    detail: {},
  };
}
