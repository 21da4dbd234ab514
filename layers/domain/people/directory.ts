import type { Page } from '../documents/store.ts';
import type { Role } from '../identity/principal.ts';
import type { Person, PersonQuery } from './person.ts';
import type { Unit } from './unit.ts';

/**
 * The people directory port: the units of each agency and its users. Every read names the agency: a
 * directory is never read across agencies.
 */
export interface DirectoryStore {
  units(organId: string): Promise<readonly Unit[]>;
  /** The units asked for that exist (active or not), by id. */
  getUnits(organId: string, unitIds: readonly string[]): Promise<ReadonlyMap<string, Unit>>;
  /** Writes a unit: version 1 must be new, a later one must find the previous version; 'conflict' otherwise. */
  saveUnit(unit: Unit): Promise<'saved' | 'conflict'>;
  people(query: PersonQuery): Promise<Page<Person>>;
  /** The users asked for that exist in the agency (active or not), by sub. */
  getPeople(organId: string, subs: readonly string[]): Promise<ReadonlyMap<string, Person>>;
  savePerson(person: Person): Promise<'saved' | 'conflict'>;
  /** The active users of the agency who are members of the unit or have one of the roles (for notifications). */
  audience(organId: string, who: { readonly units?: readonly string[]; readonly roles?: readonly Role[] }): Promise<readonly Person[]>;
}
