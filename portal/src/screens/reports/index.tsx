import { lazy } from 'react';
import { Suspended } from '../registers/lazy.tsx';

/** Báo cáo: the screens, their script loaded when first opened (routes.tsx names them). */
const Kpi = lazy(() => import('./reports.tsx').then((module) => ({ default: module.KpiReport })));
const Overdue = lazy(() => import('./reports.tsx').then((module) => ({ default: module.OverdueReport })));

export function KpiReport(props: { readonly query: URLSearchParams }) {
  return (
    <Suspended>
      <Kpi {...props} />
    </Suspended>
  );
}

export function OverdueReport() {
  return (
    <Suspended>
      <Overdue />
    </Suspended>
  );
}
