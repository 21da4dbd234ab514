import { useEffect, useState } from 'react';
import { resumeSignIn, signOutOfPortal } from './auth/cognito.ts';
import { currentSession, hasRole, onSessionChange, type Session } from './auth/session.ts';
import { portalConfig } from './config.ts';
import { ErrorBox } from './components/ui.tsx';
import { match, routeQuery, useRoute } from './router.ts';
import { screens } from './routes.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { label, loadVocabulary } from './vocabulary.ts';

/** The portal: sign-in until there is a session, then the menu of the person's roles and the screen of the route. */
export function App() {
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const [vocabularyReady, setVocabularyReady] = useState(false);
  const [error, setError] = useState<unknown>();
  const path = useRoute();
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  useEffect(() => {
    // Back from Cognito's sign-in pages (?code=&state=): exchange the code for the session.
    portalConfig().then(resumeSignIn).catch(setError);
  }, []);
  useEffect(() => {
    if (session === undefined) return;
    loadVocabulary().then(
      () => setVocabularyReady(true),
      (failure: unknown) => {
        setError(failure);
        setVocabularyReady(true);
      },
    );
  }, [session]);
  if (session === undefined) {
    return (
      <>
        <a className="skip" href="#main">
          Bỏ qua đến nội dung chính
        </a>
        <main id="main">
          <ErrorBox error={error} />
          <SignIn />
        </main>
      </>
    );
  }
  const screen = screens.find((candidate) => match(candidate.pattern, path) !== undefined);
  const params = screen === undefined ? {} : (match(screen.pattern, path) ?? {});
  return (
    <>
      <a className="skip" href="#main">
        Bỏ qua đến nội dung chính
      </a>
      <header className="top">
        <p className="brand">Quản lý văn bản và điều hành</p>
        <p className="who">
          <span data-testid="signed-in-as">{session.name}</span> · {session.roles.map((role) => label('role', role)).join(', ')} ·{' '}
          <button type="button" className="link" onClick={() => void signOutOfPortal()}>
            Đăng xuất
          </button>
        </p>
        <nav aria-label="Chức năng">
          <ul>
            {screens
              .filter((candidate) => candidate.menu !== undefined && (candidate.menu.roles === undefined || hasRole(session, ...candidate.menu.roles)))
              .map((candidate) => (
                <li key={candidate.pattern}>
                  <a href={`#${candidate.pattern}`} aria-current={match(candidate.pattern, path) === undefined ? undefined : 'page'}>
                    {candidate.menu?.label}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        <ErrorBox error={error} />
        {!vocabularyReady ? null : screen === undefined ? <p>Không có trang này.</p> : screen.render(params, routeQuery(path))}
      </main>
    </>
  );
}
