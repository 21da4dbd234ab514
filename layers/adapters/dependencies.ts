import type { Dependencies } from '#app/context';
import { agencies } from './ports/agencies.ts';
import { axis } from './ports/axis.ts';
import { axisInbox } from './ports/axis-inbox.ts';
import { calendar } from './ports/calendar.ts';
import { cityCode } from './ports/city-code.ts';
import { clock } from './ports/clock.ts';
import { composePorts } from './ports/compose.ts';
import { deliveries } from './ports/deliveries.ts';
import { directory } from './ports/directory.ts';
import { documents } from './ports/documents.ts';
import { ids } from './ports/ids.ts';
import { kpi } from './ports/kpi.ts';
import { kpiTargets } from './ports/kpi-targets.ts';
import { notices } from './ports/notices.ts';
import { notifier } from './ports/notifier.ts';
import { numbering } from './ports/numbering.ts';
import { outbox } from './ports/outbox.ts';
import { queue } from './ports/queue.ts';
import { records } from './ports/records.ts';
import { reminders } from './ports/reminders.ts';
import { signing } from './ports/signing.ts';
import { files } from './ports/verified-files.ts';
import { work } from './ports/work.ts';
import { webhooks } from './ports/webhooks.ts';

/**
 * Every port, for the command line, the tests and the benches, which act as the whole system. A function
 * never imports this: its handler composes only the ports its operation declares (./ports/compose.ts),
 * from the same factories.
 */
export const dependencies = (): Dependencies => all;

const all = composePorts('vanthu (every port)', {
  documents,
  numbering,
  agencies,
  directory,
  work,
  files,
  records,
  clock,
  ids,
  calendar,
  deliveries,
  webhooks,
  signing,
  kpi,
  kpiTargets,
  outbox,
  queue,
  axis,
  axisInbox,
  cityCode,
  reminders,
  notices,
  notifier,
});
