/**
 * The words a clerk reads for the values of one enum the API exposes: what the enum is, and the Vietnamese
 * label (nhãn) of each value in the words of Nghị định 30/2020/NĐ-CP and of the offices that use it.
 */
export interface VocabularyEntry<V extends string = string> {
  /** What the values name, in Vietnamese (e.g. "Độ khẩn của văn bản"). */
  readonly description: string;
  /** Every value, in the order a list shows them. */
  readonly values: readonly V[];
  /** The Vietnamese label of every value. */
  readonly labels: Readonly<Record<V, string>>;
}

/**
 * One enum's entry. The labels are typed by the enum's own values, so TypeScript refuses an entry that
 * leaves a value without a label (or labels a value the enum does not have); the values and the labels
 * are checked to name the same set when the module loads, for enums given by a type rather than an array.
 *
 * @example
 * entry(urgencies, 'Độ khẩn', { normal: 'Thường', urgent: 'Khẩn', 'very-urgent': 'Thượng khẩn', flash: 'Hỏa tốc', 'flash-timed': 'Hỏa tốc hẹn giờ' });
 */
export function entry<const V extends string>(values: readonly V[], description: string, labels: Readonly<Record<NoInfer<V>, string>>): VocabularyEntry<V> {
  const named = Object.keys(labels);
  const unlabelled = values.filter((value) => !Object.hasOwn(labels, value));
  const unknown = named.filter((value) => !(values as readonly string[]).includes(value));
  if (unlabelled.length > 0 || unknown.length > 0 || new Set(values).size !== values.length) {
    throw new Error(`vocabulary "${description}": values without a label [${unlabelled.join(', ')}], labels of no value [${unknown.join(', ')}], or a value listed twice`);
  }
  return Object.freeze({ description, values: Object.freeze([...values]), labels: Object.freeze({ ...labels }) });
}

/** The labels of some values of an entry: an enum that takes a part of another's values (the delivery channels of all channels). */
export function pick<V extends string, const P extends V>(labels: Readonly<Record<V, string>>, values: readonly P[]): Record<P, string> {
  return Object.fromEntries(values.map((value) => [value, labels[value]])) as Record<P, string>;
}
