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
  /** The interactive form dictionary, when held as an indirect object. */
  readonly acroForm: number | undefined;
  readonly signatures: ReadonlySet<number>;
  readonly dss: ReadonlySet<number>;
  readonly metadata: ReadonlySet<number>;
  /** The tagged-PDF structure tree: describes content, does not paint it. */
  readonly structure: ReadonlySet<number>;
  /** Everything else the catalog reaches: names (JavaScript, files), outlines, actions. */
  readonly other: ReadonlySet<number>;
}

const MAX_PAGES = 100_000;

/** Walks a revision and assigns roles to its objects. */
export function objectRoles(revision: PdfRevision): ObjectRoles {
  const catalogRef = revision.trailer.entries.get('Root');
  const catalog = revision.catalog();
  const tree = walkPageTree(revision);
  const content = new Set<number>();
  for (const node of tree.nodes) reach(revision, node.entries.get('Resources'), content);
  for (const page of tree.pages) for (const key of ['Contents', 'Resources', 'Group']) reach(revision, page.entries.get(key), content);
  const annotations = new Set<number>();
  const annotArrays = new Set<number>();
  const form = new Set<number>();
  for (const page of tree.pages) {
    const annots = page.entries.get('Annots');
    if (isRef(annots)) annotArrays.add(annots.num);
    const list = revision.resolve(annots);
    if (!isArray(list)) continue;
    for (const annot of list.items) {
      const isWidget = nameOf(dictOf(revision.resolve(annot))?.entries.get('Subtype')) === 'Widget';
      reach(revision, annot, isWidget ? form : annotations);
    }
  }
  const acroForm = catalog.entries.get('AcroForm');
  reach(revision, acroForm, form);
  const signatures = new Set([...form].filter((num) => isSignatureDict(dictOf(safeObject(revision, num)))));
  const reached = (value: PdfValue | undefined): Set<number> => {
    const into = new Set<number>();
    reach(revision, value, into);
    return into;
  };
  return {
    catalog: isRef(catalogRef) ? catalogRef.num : undefined,
    pageList: tree.pageNumbers,
    pageTree: tree.nodeNumbers,
    content,
    annotations,
    annotArrays,
    form,
    acroForm: isRef(acroForm) ? acroForm.num : undefined,
    signatures,
    dss: reached(catalog.entries.get('DSS')),
    metadata: new Set([...reached(catalog.entries.get('Metadata')), ...reached(revision.trailer.entries.get('Info'))]),
    structure: reached(catalog.entries.get('StructTreeRoot')),
    other: reached(catalog),
  };
}

/** Number of pages of a revision. */
export function pageCount(revision: PdfRevision): number {
  return walkPageTree(revision).pageNumbers.length;
}

interface PageTree {
  readonly pages: PdfDict[];
  readonly pageNumbers: number[];
  readonly nodes: PdfDict[];
  readonly nodeNumbers: Set<number>;
}

function walkPageTree(revision: PdfRevision): PageTree {
  const tree: PageTree = { pages: [], pageNumbers: [], nodes: [], nodeNumbers: new Set() };
  const seen = new Set<number>();
  const walk = (node: PdfValue, depth: number): void => {
    revision.budget.check();
    if (depth > 64 || tree.pages.length > MAX_PAGES) throw new LimitExceededError('count', 'page tree too deep or too large');
    const num = isRef(node) ? node.num : undefined;
    if (num !== undefined) {
      if (seen.has(num)) return;
      seen.add(num);
    }
    const dict = dictOf(revision.resolve(node));
    if (dict === undefined) return;
    const kids = revision.get(dict, 'Kids');
    if (nameOf(dict.entries.get('Type')) === 'Pages' || isArray(kids)) {
      tree.nodes.push(dict);
      if (num !== undefined) tree.nodeNumbers.add(num);
      if (isArray(kids)) for (const kid of kids.items) walk(kid, depth + 1);
      return;
    }
    tree.pages.push(dict);
    if (num !== undefined) tree.pageNumbers.push(num);
  };
  walk(revision.catalog().entries.get('Pages') ?? null, 0);
  return tree;
}

export function isSignatureDict(dict: PdfDict | undefined): boolean {
  if (dict === undefined) return false;
  return dict.entries.has('ByteRange') && dict.entries.has('Contents');
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
