import { useEffect, useState } from 'react';

/**
 * Hash routes (`#/incoming/01J…`): the page is one file at `/`, and no path of the portal can shadow a
 * path of the API it sits beside.
 */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash === '' ? '/' : hash;
}

export function navigate(to: string): void {
  window.location.hash = to;
}

export function useRoute(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}

/** The parameters of `path` when it matches `pattern` (`/incoming/:id`), else undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/?]+)';
  });
  const found = new RegExp(`^${source}(?:\\?.*)?$`).exec(path);
  if (found === null) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
}

/** The query of the hash route (`#/incoming?status=arrived`). */
export function routeQuery(path: string): URLSearchParams {
  return new URLSearchParams(path.split('?')[1] ?? '');
}
