import * as z from 'zod';
import { UnprocessableError, ValidationError, type FieldIssue } from '../errors.ts';
import { foldVietnamese } from '../text.ts';
import { isSecret } from './document.ts';
import { abbreviationSchema, textSchema } from './metadata.ts';
import { typeAbbreviations, typeNames, type OutgoingDocument, type TypeName } from './outgoing.ts';

/**
 * Numbers and notations of Nghị định 30/2020 (Art. 15, Phụ lục I): `Số: 15/QĐ-UBND` for a typed document,
 * `Số: 05/UBND-VX` for a Công văn (agency + drafting unit), `Số: 15/2026/QĐ-UBND` for a legal normative
 * document. Numbers run from 01 on 1 January (Vietnam time) to 31 December in issuing order, per series:
 * - administrative documents: the agency's registers (sổ), by type as the head of the agency decides (15.1.c);
 * - legal normative documents (văn bản quy phạm pháp luật): a series per type, the year in the notation;
 * - copies (SY, TrS, SL): one series of their own;
 * - secret documents: one series of their own (15.2).
 * A printed number and notation identifies one document: it is never issued twice in a year
 * (numbering-change.ts keeps a reconfiguration from repeating one).
 */
export type SeriesKind = 'administrative' | 'legal-normative' | 'copy' | 'secret';

export interface Series {
  /** The register id: a configured register, or `secret`, `copies`, `legal-<type>` kept by the system. */
  readonly id: string;
  readonly kind: SeriesKind;
  readonly name: string;
  /** The types it numbers (`*`: every type). */
  readonly typeNames: readonly string[];
}

/** Copies (bản sao y, trích sao, sao lục) share one series of their own, never a configured register (Phụ lục I). */
export const copyTypeNames = ['Bản sao y', 'Bản trích sao', 'Bản sao lục'] as const satisfies readonly TypeName[];

export const SECRET_SERIES: Series = { id: 'secret', kind: 'secret', name: 'Sổ đăng ký văn bản mật đi', typeNames: ['*'] };
export const COPY_SERIES: Series = { id: 'copies', kind: 'copy', name: 'Sổ đăng ký bản sao văn bản', typeNames: copyTypeNames };

/** The types a People's Council (Nghị quyết) or People's Committee (Quyết định) issues as legal normative documents. */
export const legalNormativeTypeNames = ['Nghị quyết', 'Quyết định'] as const satisfies readonly TypeName[];

/** The series of legal normative documents of one type: `legal-qd` for Quyết định. */
export function legalSeries(typeName: TypeName): Series {
  const abbreviation = typeAbbreviations[typeName] ?? '';
  return { id: `legal-${foldVietnamese(abbreviation)}`, kind: 'legal-normative', name: `Sổ văn bản quy phạm pháp luật — ${typeName}`, typeNames: [typeName] };
}

/** Every series the system keeps besides the configured registers. */
export const systemSeries: readonly Series[] = [SECRET_SERIES, COPY_SERIES, ...legalNormativeTypeNames.map(legalSeries)];
const systemIds = new Set(systemSeries.map((s) => s.id));

export const registerConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and dashes'),
  name: textSchema().min(1).max(200),
  /** The document types numbered in this register; `*` takes every type no other register claims. */
  typeNames: z.array(z.union([z.enum(typeNames), z.literal('*')])).min(1),
});
export type RegisterConfig = z.infer<typeof registerConfigSchema>;

/** The registers of an agency, refused where they would print a number twice or leave a type unnumbered. */
const registersSchema = z
  .array(registerConfigSchema)
  .min(1)
  .max(50)
  .superRefine((registers, ctx) => {
    const ids = registers.map((r) => r.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `sổ ${id} được khai báo hai lần` });
      if (systemIds.has(id) || id.startsWith('legal-'))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${id} là sổ do hệ thống quản lý (văn bản mật, bản sao, văn bản quy phạm pháp luật)` });
    });
    const claimed = new Map<string, number>();
    registers.forEach((register, i) => {
      register.typeNames.forEach((type, j) => {
        if (type !== '*' && claimed.has(type)) ctx.addIssue({ code: 'custom', path: [i, 'typeNames', j], message: `${type} đã thuộc một sổ khác` });
        if ((copyTypeNames as readonly string[]).includes(type))
          ctx.addIssue({ code: 'custom', path: [i, 'typeNames', j], message: `${type} là bản sao: bản sao được đánh số trong sổ bản sao riêng` });
        claimed.set(type, i);
      });
    });
    const unnumbered = administrativeTypeNames.filter((type) => registerOf({ registers }, type) === undefined);
    if (unnumbered.length > 0) ctx.addIssue({ code: 'custom', path: [], message: `chưa có sổ nào đánh số: ${unnumbered.join(', ')} (thêm các loại này hoặc một sổ "*")` });
    const letters = ['Công văn', 'Thư công'].map((type) => registerOf({ registers }, type as TypeName)?.id);
    if (letters[0] !== letters[1]) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'Công văn và Thư công có cùng dạng ký hiệu (UBND-VX) nên phải đánh số trong cùng một sổ, để một số, ký hiệu không bị cấp hai lần',
      });
    }
  });

/**
 * An agency's numbering: its ký hiệu (the abbreviation every notation carries, e.g. UBND or SNV) and its
 * registers of administrative documents.
 */
export const numberingConfigSchema = z.object({
  issuerAbbreviation: abbreviationSchema.describe('ký hiệu of the agency, e.g. UBND or SNV: part of every notation it issues'),
  registers: registersSchema,
  placeName: z.string().trim().min(2).max(100).optional().describe('địa danh written before the date of issue (Phụ lục I, ô 4), e.g. "Hà Nội" or "Hoàn Kiếm"; default: Hà Nội'),
});
/** A change of the numbering: the ký hiệu may be left out once the agency has one. */
export const numberingChangeSchema = numberingConfigSchema.extend({
  issuerAbbreviation: abbreviationSchema
    .optional()
    .describe('ký hiệu of the agency, e.g. UBND or SNV: part of every notation it issues; required until the agency has one, kept when left out'),
});
export type NumberingChange = z.infer<typeof numberingChangeSchema>;
export type NumberingConfig = z.infer<typeof numberingConfigSchema>;

/** An agency that configured nothing numbers every administrative type in one register. */
export const defaultRegisters: readonly RegisterConfig[] = [{ id: 'general', name: 'Sổ đăng ký văn bản đi', typeNames: ['*'] }];

/** The types numbered in configured registers (copies excluded). */
export const administrativeTypeNames: readonly TypeName[] = typeNames.filter((t) => !(copyTypeNames as readonly string[]).includes(t));

/** The configured register that numbers an administrative type: the one naming it, else the `*` one. */
export function registerOf(config: Pick<NumberingConfig, 'registers'>, typeName: TypeName): RegisterConfig | undefined {
  return config.registers.find((r) => r.typeNames.includes(typeName)) ?? config.registers.find((r) => r.typeNames.includes('*'));
}

/** The series that numbers a document: secret first (Art. 15.2), then copies, legal normative, the registers by type. */
export function chooseSeries(config: Pick<NumberingConfig, 'registers'>, document: Pick<OutgoingDocument, 'typeName' | 'secrecy' | 'legalNormative'>): Series {
  if (isSecret(document)) return SECRET_SERIES;
  if ((copyTypeNames as readonly string[]).includes(document.typeName)) return COPY_SERIES;
  if (document.legalNormative === true) return legalSeries(document.typeName);
  const register = registerOf(config, document.typeName);
  if (register === undefined) {
    throw new UnprocessableError('no-register', `Chưa có sổ nào của cơ quan đánh số ${document.typeName}; quản trị viên cần thêm loại văn bản này vào cấu hình sổ.`, {
      details: { typeName: document.typeName },
    });
  }
  return { id: register.id, kind: 'administrative', name: register.name, typeNames: register.typeNames };
}

/** "05" for 5, "15" for 15, "123" for 123. */
export function formatCodeNumber(number: number): string {
  return String(number).padStart(2, '0');
}

/**
 * Ký hiệu: `QĐ-UBND` for a typed document, `UBND-VX` for a Công văn (with its drafting unit), `2026/QĐ-UBND`
 * for a legal normative document (the year belongs to the notation: `15/2026/QĐ-UBND`).
 */
export function codeNotation(document: Pick<OutgoingDocument, 'typeName' | 'draftingUnitAbbreviation' | 'legalNormative'>, issuerAbbreviation: string, year: number): string {
  const abbreviation = typeAbbreviations[document.typeName];
  if (abbreviation === null) return document.draftingUnitAbbreviation === undefined ? issuerAbbreviation : `${issuerAbbreviation}-${document.draftingUnitAbbreviation}`;
  return document.legalNormative === true ? `${year}/${abbreviation}-${issuerAbbreviation}` : `${abbreviation}-${issuerAbbreviation}`;
}

/**
 * The notation family of an administrative type: documents of one family can print the same number and
 * notation, so the highest number a family used in a year is kept on the register counter. Công văn and
 * Thư công share a family (their notation has no type abbreviation).
 */
export function notationFamily(typeName: TypeName): string {
  return typeAbbreviations[typeName] ?? 'none';
}

/**
 * What a draft must carry for its number and notation: a Công văn its drafting unit (05/UBND-VX); a legal
 * normative document a type that can be one (Nghị quyết of a People's Council, Quyết định of a People's
 * Committee or its chair).
 */
export function checkNotationParts(draft: Pick<OutgoingDocument, 'typeName' | 'draftingUnitAbbreviation' | 'legalNormative'>): void {
  const issues: FieldIssue[] = [];
  if (draft.typeName === 'Công văn' && draft.draftingUnitAbbreviation === undefined) {
    issues.push({ path: 'body.draftingUnitAbbreviation', message: 'Công văn ghi ký hiệu đơn vị soạn thảo sau ký hiệu cơ quan (05/UBND-VX): hãy nhập ký hiệu đơn vị, ví dụ VX' });
  }
  if (draft.legalNormative === true && !(legalNormativeTypeNames as readonly string[]).includes(draft.typeName)) {
    issues.push({
      path: 'body.legalNormative',
      message: `${draft.typeName} không phải loại văn bản quy phạm pháp luật của chính quyền địa phương (chỉ ${legalNormativeTypeNames.join(', ')})`,
    });
  }
  if (issues.length > 0) throw new ValidationError('Bản thảo thiếu thông tin để ghi số, ký hiệu.', { errors: issues });
}
