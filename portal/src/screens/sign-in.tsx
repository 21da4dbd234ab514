import { useState } from 'react';
import { type CognitoAuth, isSignInReturn, startSignIn } from '../auth/cognito.ts';
import { signIn } from '../auth/session.ts';
import { ErrorBox, Loading, Page } from '../components/ui.tsx';
import { portalConfig } from '../config.ts';
import { useLoad } from '../hooks.ts';
import { label } from '../vocabulary.ts';

interface SampleUser {
  readonly sub: string;
  readonly organId: string;
  readonly roles: readonly string[];
  readonly name: string;
  readonly agencyName: string;
}

/** The sign-in of where the portal runs (config.json): Cognito's hosted pages in AWS, the sample users locally. */
export function SignIn() {
  const config = useLoad(portalConfig, []);
  if (config.value?.auth.kind === 'cognito') return <CognitoSignIn auth={config.value.auth} />;
  // A config.json that cannot be read is shown by App, which reads it too.
  if (config.value === undefined) return config.loading ? <Loading what="cấu hình đăng nhập" /> : null;
  return <DevSignIn />;
}

/** In AWS: one button to Cognito's sign-in pages (password and the authenticator app's code, docs/DEPLOY.md). */
function CognitoSignIn({ auth }: { readonly auth: CognitoAuth }) {
  const [error, setError] = useState<unknown>();
  const [leaving, setLeaving] = useState(false);
  const go = () => {
    setError(undefined);
    setLeaving(true);
    startSignIn(auth).catch((failure: unknown) => {
      setError(failure);
      setLeaving(false);
    });
  };
  return (
    <Page title="Đăng nhập">
      <p>Đăng nhập bằng tài khoản do quản trị viên cấp và mã xác thực trên ứng dụng của điện thoại.</p>
      <ErrorBox error={error} />
      {isSignInReturn(window.location.href) ? (
        <Loading what="phiên đăng nhập" />
      ) : (
        <button type="button" onClick={go} disabled={leaving} data-action="sign-in">
          Đăng nhập
        </button>
      )}
    </Page>
  );
}

/**
 * Sign-in of the local runtime: the SAMPLE users ([MẪU]) of its directory, one click each (a development
 * token from POST /dev/token). In AWS the portal signs in with Cognito instead and this page is not shown.
 */
function DevSignIn() {
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
