/**
 * Level-1 letters of the agency identification code (mã định danh điện tử), QĐ 20/2020/QĐ-TTg.
 * The table comes from a single public source (DOMAIN.md §2): it is data, so a correction is one line here.
 * Numbers after the letter (H01–H63 for provinces) are deliberately not checked: the list changes with
 * provincial mergers, so any two digits are accepted after a known letter.
 */
export const levelOneKinds = {
  A: { kind: 'party', description: 'Communist Party bodies (cơ quan Đảng)' },
  B: { kind: 'president-office', description: "President's Office (Văn phòng Chủ tịch nước)" },
  C: { kind: 'national-assembly', description: 'National Assembly (Quốc hội)' },
  D: { kind: 'supreme-court', description: "Supreme People's Court (Tòa án nhân dân tối cao)" },
  E: { kind: 'procuracy', description: "Supreme People's Procuracy (Viện kiểm sát nhân dân tối cao)" },
  F: { kind: 'state-audit', description: 'State Audit (Kiểm toán nhà nước)' },
  G: { kind: 'ministry', description: 'ministries and ministry-level agencies (bộ, cơ quan ngang bộ)' },
  H: { kind: 'provincial-people-committee', description: "provincial People's Committees (UBND tỉnh), H26 = Hà Nội" },
  I: { kind: 'organisation', description: 'organisations (tổ chức)' },
  J: { kind: 'organisation', description: 'organisations (tổ chức)' },
  K: { kind: 'provincial-people-council', description: "provincial People's Councils (HĐND tỉnh)" },
  W: { kind: 'hub', description: 'hub/centre codes (W00): routing points, never a real recipient' },
} as const;

export type LevelOneLetter = keyof typeof levelOneKinds;
export type LevelOneKind = (typeof levelOneKinds)[LevelOneLetter]['kind'];

/** The one level-1 block that uses the letter W: a hub, accepted so routing code can recognise it. */
export const hubBlock = 'W00';

/** Whether a character is a known level-1 letter (A–K, or W for the hub block). */
export function isLevelOneLetter(letter: string): letter is LevelOneLetter {
  return Object.hasOwn(levelOneKinds, letter);
}
