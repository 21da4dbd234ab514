import { z } from 'zod';
import { UnprocessableError } from '../errors.ts';
import { isSecret } from './document.ts';
import { typeAbbreviations, typeNames, type OutgoingDocument } from './outgoing.ts';

/**
 * Numbers and notations of Nghị định 30/2020: `Số: 15/QĐ-UBND` for a typed document, `Số: 05/UBND-VX` for a
 * Công văn (issuer + drafting unit); numbers run from 01 on 1 January (Vietnam time) per register (sổ) and
 * year, with a leading zero below 10; secret documents have their own series.
 */
export const SECRET_REGISTER = 'secret';

export const registerConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(200),
  /** The document types numbered in this register; `*` takes every type no other register claims. */
  typeNames: z.array(z.union([z.enum(typeNames), z.literal('*')])).min(1),
});
export type RegisterConfig = z.infer<typeof registerConfigSchema>;

export const numberingConfigSchema = z
  .object({ registers: z.array(registerConfigSchema).min(1).max(50) })
  .superRefine((config, ctx) => {
    const ids = config.registers.map((r) => r.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['registers', i, 'id'], message: `register ${id} is listed twice` });
      if (id === SECRET_REGISTER) ctx.addIssue({ code: 'custom', path: ['registers', i, 'id'], message: 'the secret series is kept by the system' });
    });
    const claimed = config.registers.flatMap((r) => r.typeNames.filter((t) => t !== '*'));
    claimed.forEach((type, i) => {
      if (claimed.indexOf(type) !== i) ctx.addIssue({ code: 'custom', path: ['registers'], message: `${type} is numbered in two registers` });
    });
  });
export type NumberingConfig = z.infer<typeof numberingConfigSchema>;

/** An agency with no configuration numbers every type in one register. */
export const defaultNumbering: NumberingConfig = { registers: [{ id: 'general', name: 'Sổ đăng ký văn bản đi', typeNames: ['*'] }] };

/** The register that numbers a document: the secret series for secret documents, else by type. */
export function chooseRegister(config: NumberingConfig, document: Pick<OutgoingDocument, 'typeName' | 'secrecy'>): string {
  if (isSecret(document)) return SECRET_REGISTER;
  const byType = config.registers.find((r) => r.typeNames.includes(document.typeName));
  const fallback = config.registers.find((r) => r.typeNames.includes('*'));
  const register = byType ?? fallback;
  if (register === undefined) {
    throw new UnprocessableError('no-register', `No register (sổ) of this agency numbers ${document.typeName}; an administrator must add it to the numbering configuration.`, {
      details: { typeName: document.typeName },
    });
  }
  return register.id;
}

/** "05" for 5, "15" for 15, "123" for 123. */
export function formatCodeNumber(number: number): string {
  return String(number).padStart(2, '0');
}

/** Ký hiệu: `QĐ-UBND` for typed documents, `UBND-VX` for a Công văn or Thư công. */
export function codeNotation(document: Pick<OutgoingDocument, 'typeName' | 'issuerAbbreviation' | 'draftingUnitAbbreviation'>): string {
  const abbreviation = typeAbbreviations[document.typeName];
  if (abbreviation !== null) return `${abbreviation}-${document.issuerAbbreviation}`;
  return document.draftingUnitAbbreviation === undefined ? document.issuerAbbreviation : `${document.issuerAbbreviation}-${document.draftingUnitAbbreviation}`;
}
