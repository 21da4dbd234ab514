import { api, data } from './api/client.ts';
import type { paths } from './api/schema.ts';

type Vocabulary = paths['/vocabulary']['get']['responses'][200]['content']['application/json'];

let loaded: Vocabulary | undefined;
let loading: Promise<Vocabulary> | undefined;

/** The Vietnamese labels of every enum (GET /vocabulary), loaded once after sign-in. */
export function loadVocabulary(): Promise<Vocabulary> {
  loading ??= data(api.GET('/vocabulary')).then((vocabulary) => {
    loaded = vocabulary;
    return vocabulary;
  });
  return loading;
}

/** The label of a value (`label('urgency', 'flash')` → `Hỏa tốc`); the value itself until the vocabulary is in. */
export function label(entry: string, value: string | undefined): string {
  if (value === undefined) return '';
  const found = (loaded as Record<string, { labels: Record<string, string> }> | undefined)?.[entry]?.labels[value];
  return found ?? value;
}
