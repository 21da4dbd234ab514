import type { Role } from '#domain/identity/principal';
import type { Notice } from '#domain/notifications/notice';
import type { Person } from '#domain/people/person';
import type { Dependencies } from '../context.ts';

/** What delivering one notice did, for the log and metrics. */
export interface NoticeTally {
  /** The people it concerns (its audience resolved by the directory, its actor left out). */
  readonly people: number;
  readonly mailed: number;
  /** People with no e-mail in the directory: the notice is in their inbox only. */
  readonly withoutEmail: number;
  /** Already mailed by an earlier attempt of this message. */
  readonly alreadyMailed: number;
}

/** E-mails sent at once for one notice (a unit of 50 is mailed in 5 rounds). */
const MAIL_CONCURRENCY = 10;

/**
 * Consumer of the `notifications` queue: records the notice in its audiences' inboxes (once, whatever the
 * retries), then e-mails each person it concerns who has an address in the directory and was not mailed by
 * an earlier attempt. The audience is resolved now (one Query of the agency's directory for its units and
 * roles): the people of a unit when the notice is delivered. Mail goes ten at a time, and who was mailed is
 * recorded after each ten; a failed e-mail throws once its round is recorded, so the message comes back and only
 * those not mailed yet are tried again. Secret documents' notices hold no trích yếu, in-app or mail.
 *
 * @example
 * const tally = await deliverNotice(deps, notice); // { people: 50, mailed: 50, withoutEmail: 0, alreadyMailed: 0 }
 */
export async function deliverNotice(deps: Pick<Dependencies, 'notices' | 'directory' | 'notifier'>, notice: Notice): Promise<NoticeTally> {
  await deps.notices.record(notice);
  const people = (await resolveAudience(deps, notice)).filter((person) => person.sub !== notice.actor.sub);
  const mailed = await deps.notices.mailed(notice.id);
  const toMail = people.filter((person) => person.email !== undefined && !mailed.has(person.sub));
  for (let i = 0; i < toMail.length; i += MAIL_CONCURRENCY) {
    const round = toMail.slice(i, i + MAIL_CONCURRENCY);
    const outcomes = await Promise.allSettled(
      round.map((person) =>
        deps.notifier.send({
          to: { kind: 'email', address: person.email ?? '' },
          subject: notice.subject,
          text: notice.text,
          documentId: notice.documentId,
          reminderKey: `notice:${notice.id}:${person.sub}`,
        }),
      ),
    );
    // One write a round records who was mailed (a crash before it mails that round again: at least once).
    const sent = round.filter((_, index) => outcomes[index]?.status === 'fulfilled' && outcomes[index].value.kind === 'sent').map((person) => person.sub);
    if (sent.length > 0) await deps.notices.markMailed(notice.id, sent);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
  return {
    people: people.length,
    mailed: toMail.length,
    withoutEmail: people.filter((person) => person.email === undefined).length,
    alreadyMailed: people.filter((person) => mailed.has(person.sub)).length,
  };
}

/** The active people of the notice's agency its audience names: persons by sub, units' members, roles' holders. */
async function resolveAudience(deps: Pick<Dependencies, 'directory'>, notice: Notice): Promise<Person[]> {
  const subs = notice.audience.flatMap((a) => (a.kind === 'person' ? [a.sub] : []));
  const units = notice.audience.flatMap((a) => (a.kind === 'unit' && a.organId === notice.organId ? [a.unitId] : []));
  const roles = notice.audience.flatMap((a): Role[] => (a.kind === 'role' && a.organId === notice.organId ? [a.role] : []));
  const [named, groups] = await Promise.all([
    subs.length === 0 ? new Map<string, Person>() : deps.directory.getPeople(notice.organId, subs),
    units.length === 0 && roles.length === 0 ? [] : deps.directory.audience(notice.organId, { units, roles }),
  ]);
  const people = new Map<string, Person>();
  for (const person of [...named.values(), ...groups]) if (person.active) people.set(person.sub, person);
  return [...people.values()];
}
