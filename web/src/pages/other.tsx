import type { JSX } from 'preact';
import { Link, PageHeading, useTitle } from '../ui.js';

const LATER: Readonly<Record<'backlog' | 'model' | 'admin', { title: string; text: string }>> = {
  backlog: { title: 'Backlog', text: 'The prioritised backlog of every team you can see, with filters and exports, arrives here in the next step.' },
  model: { title: 'Model', text: 'The maturity model (domains, levels and practices with their guidance) arrives here in the next step.' },
  admin: { title: 'Admin', text: 'Users, teams, roles, API tokens, organisation settings and the audit log arrive here in the next step.' },
};

/** A page not built yet: says so instead of failing. */
export function LaterPage({ page }: { readonly page: keyof typeof LATER }): JSX.Element {
  const { title, text } = LATER[page];
  useTitle(title);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <section class="card">
        <p>{text}</p>
        <p>
          Meanwhile the <a href="/api/v1/openapi.json">API</a> and the <code>stepwise</code> command line cover it.
        </p>
      </section>
    </>
  );
}

/** An address the app does not know. */
export function NotFoundPage(): JSX.Element {
  useTitle('Not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <section class="card">
        <p>
          There is no page at this address. Go to the <Link href="/">dashboard</Link>.
        </p>
      </section>
    </>
  );
}
