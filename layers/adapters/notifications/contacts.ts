import type { AgencyStore } from '#domain/agency/store';
import type { ContactDirectory } from '#domain/reminders/notifier';
import type { Recipient } from '#domain/reminders/reminder';

/** A `sub` usable as the local part of an address (the documented mapping; anything else is not guessed). */
const LOCAL_PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/;

/**
 * E-mail addresses from what the system knows today: a unit's `contact.email` in the agency directory,
 * and, for a person, `<sub>@<userEmailDomain>` when that domain is configured and the sub is a plain
 * user name. LIMITATION: users live in the identity provider (Cognito or the city's OIDC issuer), which
 * vanthu does not query yet; with opaque subs (Cognito UUIDs) persons get no e-mail and their reminders
 * are only readable in the app (GET /notifications).
 *
 * @example
 * await new DirectoryContacts(agencies, 'hanoi.gov.vn').emailsOf({ kind: 'person', sub: 'nguyenvana' }); // ['nguyenvana@hanoi.gov.vn']
 */
export class DirectoryContacts implements ContactDirectory {
  constructor(
    private readonly agencies: Pick<AgencyStore, 'get'>,
    private readonly userEmailDomain: string | undefined,
  ) {}

  async emailsOf(recipient: Recipient): Promise<readonly string[]> {
    switch (recipient.kind) {
      case 'email':
        return [recipient.address];
      case 'unit': {
        const email = (await this.agencies.get(recipient.organId))?.contact.email;
        return email === undefined ? [] : [email];
      }
      case 'person':
        return this.userEmailDomain !== undefined && LOCAL_PART.test(recipient.sub) ? [`${recipient.sub}@${this.userEmailDomain}`] : [];
    }
  }
}
