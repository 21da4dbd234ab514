import { lazy } from 'react';
import { Suspended } from '../registers/lazy.tsx';

/** Quản trị: the screens, their script loaded when first opened (routes.tsx names them). */
const People = lazy(() => import('./people.tsx').then((module) => ({ default: module.AdminPeople })));
const Numbering = lazy(() => import('./numbering.tsx').then((module) => ({ default: module.AdminNumbering })));
const Webhooks = lazy(() => import('./webhooks.tsx').then((module) => ({ default: module.AdminWebhooks })));

export function AdminPeople() {
  return (
    <Suspended>
      <People />
    </Suspended>
  );
}

export function AdminNumbering() {
  return (
    <Suspended>
      <Numbering />
    </Suspended>
  );
}

export function AdminWebhooks(props: { readonly query: URLSearchParams }) {
  return (
    <Suspended>
      <Webhooks {...props} />
    </Suspended>
  );
}
