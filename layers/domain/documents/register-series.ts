import type { Secrecy } from './metadata.ts';

/** Incoming numbers (số đến) run in two series per agency and year: the ordinary one and the secret one. */
export function incomingSeries(secrecy: Secrecy): 'main' | 'secret' {
  return secrecy === 'none' ? 'main' : 'secret';
}
