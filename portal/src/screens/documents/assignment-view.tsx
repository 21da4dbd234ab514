import { api, data } from '../../api/client.ts';
import { vnDate, vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import type { AssignedTo, Assignment } from './types.ts';

/**
 * Who the document is assigned to: the lead (chủ trì), coordinators (phối hợp) and for-information (nhận để
 * biết), by name; a unit with the names of its members (from the directory, GET /users?unit=).
 */
export function AssignmentView({ assignment }: { readonly assignment: Assignment }) {
  const units = [assignment.lead, ...assignment.coordinators, ...assignment.forInformation].flatMap((assignee) =>
    assignee.kind === 'unit' && assignee.unitId !== undefined && (assignee.members ?? []).length > 0 ? [assignee.unitId] : [],
  );
  const key = [...new Set(units)].sort().join(',');
  const names = useLoad(async () => {
    const found = new Map<string, string>();
    for (const unit of key === '' ? [] : key.split(',')) {
      const page = await data(api.GET('/users', { params: { query: { unit, limit: 100 } } }));
      for (const person of page.items) found.set(person.sub, person.name);
    }
    return found;
  }, [key]);
  const who = (assignee: AssignedTo) => {
    if (assignee.kind === 'person') return <span data-assignee={`person:${assignee.sub}`}>{assignee.name}</span>;
    const members = assignee.members ?? [];
    return (
      <span data-assignee={`unit:${assignee.unitId ?? assignee.organId}`}>
        {assignee.name}
        {members.length === 0 ? null : <span className="muted"> (thành viên: {members.map((sub) => names.value?.get(sub) ?? sub).join(', ')})</span>}
      </span>
    );
  };
  const list = (assignees: readonly AssignedTo[]) =>
    assignees.length === 0 ? (
      <span className="muted">Không có</span>
    ) : (
      <ul className="picked">
        {assignees.map((assignee) => (
          <li key={assignee.kind === 'person' ? assignee.sub : `${assignee.organId}/${assignee.unitId ?? ''}`}>{who(assignee)}</li>
        ))}
      </ul>
    );
  return (
    <dl className="facts">
      <dt>Chủ trì xử lý</dt>
      <dd data-testid="assignment-lead">{who(assignment.lead)}</dd>
      <dt>Phối hợp</dt>
      <dd data-testid="assignment-coordinators">{list(assignment.coordinators)}</dd>
      <dt>Nhận để biết</dt>
      <dd data-testid="assignment-for-information">{list(assignment.forInformation)}</dd>
      <dt>Hạn xử lý</dt>
      <dd>{assignment.dueDate === undefined ? <span className="muted">Không đặt hạn</span> : vnDate(assignment.dueDate)}</dd>
      {assignment.note === undefined ? null : (
        <>
          <dt>Ý kiến chỉ đạo</dt>
          <dd>{assignment.note}</dd>
        </>
      )}
      <dt>Người phân công</dt>
      <dd>
        {assignment.assignedBy.name}, {vnDateTime(assignment.assignedAt)}
      </dd>
    </dl>
  );
}
