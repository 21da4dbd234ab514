import { lazy } from 'react';
import { Suspended } from './lazy.tsx';

/** Sổ văn bản: the screens, their script loaded when first opened (routes.tsx names them). */
const List = lazy(() => import('./registers.tsx').then((module) => ({ default: module.RegisterList })));
const View = lazy(() => import('./registers.tsx').then((module) => ({ default: module.RegisterView })));

export function RegisterList(props: { readonly query: URLSearchParams }) {
  return (
    <Suspended>
      <List {...props} />
    </Suspended>
  );
}

export function RegisterView(props: { readonly kind: string; readonly query: URLSearchParams }) {
  return (
    <Suspended>
      <View {...props} />
    </Suspended>
  );
}
