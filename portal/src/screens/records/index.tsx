import { lazy } from 'react';
import { Suspended } from '../registers/lazy.tsx';

/** Hồ sơ công việc: the screens, their script loaded when first opened (routes.tsx names them). */
const List = lazy(() => import('./records.tsx').then((module) => ({ default: module.RecordList })));
const View = lazy(() => import('./records.tsx').then((module) => ({ default: module.RecordView })));

export function RecordList(props: { readonly query: URLSearchParams }) {
  return (
    <Suspended>
      <List {...props} />
    </Suspended>
  );
}

export function RecordView(props: { readonly id: string }) {
  return (
    <Suspended>
      <View {...props} />
    </Suspended>
  );
}
