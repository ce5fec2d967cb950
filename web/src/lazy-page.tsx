import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './ui.js';

/**
 * A page whose code is fetched the first time it is shown, so the first screen (sign-in and the
 * dashboard) downloads only its own code. A failed fetch says what to do instead of staying blank.
 */
export function lazyPage<P extends object>(what: string, load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function LazyPage(props: P): JSX.Element {
    const [page, setPage] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (page !== undefined) return;
      pending ??= load().then((component) => (loaded = component));
      pending.then(
        (component) => {
          setPage(() => component);
        },
        () => {
          pending = undefined;
          setFailed(true);
        },
      );
    }, [page]);
    if (failed) return <p role="alert">This page could not be loaded (the connection may have dropped). Reload the page to try again.</p>;
    if (page === undefined) return <Loading what={what} />;
    const Page = page;
    return <Page {...props} />;
  };
}
