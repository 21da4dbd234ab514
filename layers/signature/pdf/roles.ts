import { LimitExceededError } from '../errors.ts';
import { dictOf, isArray, isDict, isRef, isStream, nameOf, type PdfDict, type PdfValue } from './objects.ts';
import type { PdfRevision } from './revision.ts';

/**
 * What each object number *does* in a revision, found by walking the document from the catalog. An
 * object changed after signing is judged by its role in the signed revision: page content and resources
 * must not change; form fields, annotations and the DSS may (ISO 32000-1 §12.8.2.2, ETSI EN 319 142-1
 * §5.4). Numbers referenced but not defined are included, so "filling in" a dangling reference later
 * counts as a change of that role.
 */
export interface ObjectRoles {
  readonly catalog: number | undefined;
  /** Page objects in page order (leaf /Page nodes only). */
  readonly pageList: readonly number[];
  /** Inner /Pages nodes. */
  readonly pageTree: ReadonlySet<number>;
  /** Reachable from page /Contents and /Resources: what is painted. */
  readonly content: ReadonlySet<number>;
  readonly annotations: ReadonlySet<number>;
  /** /Annots arrays held as indirect objects. */
  readonly annotArrays: ReadonlySet<number>;
  readonly form: ReadonlySet<number>;
  readonly signatures: ReadonlySet<number>;
  readonly dss: ReadonlySet<number>;
  readonly metadata: ReadonlySet<number>;
}

const MAX_PAGES = 100_000;

/** Walks a revision and assigns roles to its objects. */
export function objectRoles(revision: PdfRevision): ObjectRoles {
  const catalogRef = revision.trailer.entries.get('Root');
  const catalog = revision.catalog();
  const pageList: number[] = [];
  const pageTree = new Set<number>();
  const pageDicts: PdfDict[] = [];
  const content = new Set<number>();
  const walkPages = (node: PdfValue, depth: number): void => {
    revision.budget.check();
    if (depth > 64 || pageList.length > MAX_PAGES) throw new LimitExceededError('count', 'page tree too deep or too large');
    const num = isRef(node) ? node.num : undefined;
    if (num !== undefined && (pageTree.has(num) || pageList.includes(num))) return;
    const dict = dictOf(revision.resolve(node));
    if (dict === undefined) return;
    const kids = revision.get(dict, 'Kids');
    if (nameOf(dict.entries.get('Type')) === 'Pages' || isArray(kids)) {
      if (num !== undefined) pageTree.add(num);
      reach(revision, dict.entries.get('Resources'), content);
      if (isArray(kids)) for (const kid of kids.items) walkPages(kid, depth + 1);
      return;
    }
    if (num !== undefined) pageList.push(num);
    pageDicts.push(dict);
    for (const key of ['Contents', 'Resources', 'Group', 'MediaBox', 'CropBox']) reach(revision, dict.entries.get(key), content);
  };
  walkPages(catalog.entries.get('Pages') ?? null, 0);
  const annotations = new Set<number>();
  const annotArrays = new Set<number>();
  const form = new Set<number>();
  for (const page of pageDicts) {
    const annots = page.entries.get('Annots');
    if (isRef(annots)) annotArrays.add(annots.num);
    const list = revision.resolve(annots);
    if (!isArray(list)) continue;
    for (const annot of list.items) {
      const isWidget = nameOf(dictOf(revision.resolve(annot))?.entries.get('Subtype')) === 'Widget';
      reach(revision, annot, isWidget ? form : annotations);
    }
  }
  reach(revision, catalog.entries.get('AcroForm'), form);
  const signatures = new Set<number>();
  for (const num of form) {
    const dict = dictOf(revision.object(num)?.value ?? null);
    if (dict !== undefined && dict.entries.has('ByteRange') && dict.entries.has('Contents')) signatures.add(num);
  }
  const dss = new Set<number>();
  reach(revision, catalog.entries.get('DSS'), dss);
  const metadata = new Set<number>();
  reach(revision, catalog.entries.get('Metadata'), metadata);
  reach(revision, revision.trailer.entries.get('Info'), metadata);
  return { catalog: isRef(catalogRef) ? catalogRef.num : undefined, pageList, pageTree, content, annotations, annotArrays, form, signatures, dss, metadata };
}

/** Keys that point back up the document, not down into what a node owns. */
const UPWARD = new Set(['Parent', 'P', 'StructParent', 'StructParents']);

/** Adds every object number reachable from `start` to `into` (not following links back up). */
function reach(revision: PdfRevision, start: PdfValue | undefined, into: Set<number>): void {
  const stack: PdfValue[] = [start ?? null];
  while (stack.length > 0) {
    revision.budget.check();
    const value = stack.pop() ?? null;
    if (isRef(value)) {
      if (into.has(value.num)) continue;
      into.add(value.num);
      stack.push(safeObject(revision, value.num));
    } else if (isArray(value)) stack.push(...value.items);
    else if (isDict(value) || isStream(value)) {
      const dict = isDict(value) ? value : value.dict;
      for (const [key, child] of dict.entries) if (!UPWARD.has(key)) stack.push(child);
    }
  }
}

/** A damaged object has no children; the change analysis reports damage separately. */
function safeObject(revision: PdfRevision, num: number): PdfValue {
  try {
    return revision.object(num)?.value ?? null;
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    return null;
  }
}
