import { useState } from 'react';
import { signIn } from '../auth/session.ts';
import { ErrorBox, Loading, Page } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { label } from '../vocabulary.ts';

interface SampleUser {
  readonly sub: string;
  readonly organId: string;
  readonly roles: readonly string[];
  readonly name: string;
  readonly agencyName: string;
}

/**
 * Sign-in of the local runtime: the SAMPLE users ([MẪU]) of its directory, one click each (a development
 * token from POST /dev/token). In AWS the portal signs in with Cognito instead and this page is not shown.
 */
export function SignIn() {
  const users = useLoad(async () => {
    const response = await fetch('/dev/users', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return ((await response.json()) as { items: SampleUser[] }).items;
  }, []);
  const [error, setError] = useState<unknown>();
  const choose = async (user: SampleUser) => {
    setError(undefined);
    try {
      const response = await fetch('/dev/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'vi' },
        body: JSON.stringify({ sub: user.sub, organId: user.organId, roles: user.roles, name: user.name }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      signIn(((await response.json()) as { token: string }).token);
    } catch (failure) {
      setError(failure);
    }
  };
  const byAgency = new Map<string, SampleUser[]>();
  for (const user of users.value ?? []) byAgency.set(user.agencyName, [...(byAgency.get(user.agencyName) ?? []), user]);
  return (
    <Page title="Đăng nhập (môi trường phát triển)">
      <p>Chọn một người dùng mẫu để đăng nhập. Dữ liệu mẫu, không phải cơ quan hay người thật.</p>
      <ErrorBox error={users.error ?? error} />
      {users.loading ? <Loading what="danh sách người dùng mẫu" /> : null}
      {[...byAgency].map(([agency, people]) => (
        <section key={agency} className="card">
          <h2>{agency}</h2>
          <ul className="choices">
            {people.map((user) => (
              <li key={user.sub}>
                <button type="button" onClick={() => void choose(user)} data-sub={user.sub}>
                  {user.name} — {user.roles.map((role) => label('role', role)).join(', ')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
