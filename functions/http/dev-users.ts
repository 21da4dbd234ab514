import { devUsersContract } from '#http/operations/dev-users';
import { httpRoute } from '#http/route';
import { sampleAgencies, sampleUsers } from '#infra/local/sample-data';

/** GET /dev/users — LOCAL RUNTIME ONLY (`localOnly`: never deployed). The SAMPLE users, with their agency's name. */
export const handler = httpRoute(devUsersContract, {}, async () => ({
  items: sampleUsers.map((user) => ({
    sub: user.sub,
    organId: user.organId,
    roles: [...user.roles],
    name: user.name,
    agencyName: sampleAgencies.find((agency) => agency.code102 === user.organId)?.name ?? user.organId,
  })),
}));
