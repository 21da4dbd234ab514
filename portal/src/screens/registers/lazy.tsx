import { Component, Suspense, type ReactNode } from 'react';
import { ErrorBox, Loading } from '../../components/ui.tsx';

/**
 * Around a screen whose script is loaded when it is first opened (`React.lazy`, a chunk of its own): the
 * records, registers, reports and administration screens stay out of the first screen's JavaScript. While
 * the chunk loads it says so; a chunk that fails to load says that, instead of blanking the portal.
 */
export function Suspended({ children }: { readonly children: ReactNode }) {
  return (
    <LoadFailure>
      <Suspense fallback={<Loading what="trang" />}>{children}</Suspense>
    </LoadFailure>
  );
}

class LoadFailure extends Component<{ readonly children: ReactNode }, { readonly error?: unknown }> {
  override state: { readonly error?: unknown } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <>
        <ErrorBox error={this.state.error} />
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Tải lại trang
          </button>
        </p>
      </>
    );
  }
}
