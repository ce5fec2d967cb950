import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { Layout, PublicLayout } from './layout.js';
import { DashboardPage } from './pages/dashboard.js';
import { NotFoundPage } from './pages/other.js';
import { PasswordPage } from './pages/password.js';
import { SetupPage } from './pages/setup.js';
import { safeNext, SignInPage } from './pages/sign-in.js';
import type { PublicUser } from './api-types.js';
import type { Route } from './router.js';
import { navigate, pathWithQuery, routeStore } from './router.js';
import { loadSession, sessionStore } from './session.js';
import type { SessionState } from './session.js';
import { SignInDialog } from './sign-in-dialog.js';
import { useStore } from './store.js';
import { Loading, ProblemBox } from './ui.js';
import { lazyPage } from './lazy-page.js';

// Pages beyond the first screen load on first use: the dashboard and sign-in stay small.
const TeamsPage = lazyPage('the teams', () => import('./pages/teams.js').then((module) => module.TeamsPage));
const TeamPage = lazyPage('the team', () => import('./pages/team.js').then((module) => module.TeamPage));
const BacklogPage = lazyPage('the backlog', () => import('./pages/backlog.js').then((module) => module.BacklogPage));
const ModelSection = lazyPage('the model', () => import('./pages/model.js').then((module) => module.ModelSection));
const AdminPage = lazyPage('administration', () => import('./pages/admin.js').then((module) => module.AdminPage));
const TeamTokensPage = lazyPage('the API tokens', () => import('./pages/tokens.js').then((module) => module.TeamTokensPage));
const AssessPage = lazyPage('the assessment', () => import('./pages/assess.js').then((module) => module.AssessPage));
const CheckpointPage = lazyPage('the checkpoint', () => import('./pages/checkpoint.js').then((module) => module.CheckpointPage));

const PUBLIC_PAGES = new Set(['setup', 'sign-in']);

/** Where the app must send the user before showing `route`, or undefined to show it. */
export function redirectFor(session: SessionState, route: Route): string | undefined {
  const here = `${route.location.path}${route.location.query.size > 0 ? `?${route.location.query.toString()}` : ''}`;
  if (session.kind === 'needs-setup') return route.page === 'setup' ? undefined : '/setup';
  if (session.kind === 'signed-out') {
    if (route.page === 'sign-in') return undefined;
    return pathWithQuery('/sign-in', { next: route.page === 'setup' || here === '/' ? undefined : here });
  }
  if (session.kind === 'signed-in' && PUBLIC_PAGES.has(route.page)) return safeNext(route.location.query.get('next'));
  return undefined;
}

function SignedInPage({ route, user }: { route: Route; user: PublicUser }): JSX.Element {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'teams':
      return <TeamsPage />;
    case 'team':
      return <TeamPage teamId={route.params['teamId'] ?? ''} query={route.location.query} />;
    case 'password':
      return <PasswordPage user={user} />;
    case 'backlog':
      return <BacklogPage route={route} user={user} />;
    case 'model':
      return <ModelSection route={route} />;
    case 'admin':
      return <AdminPage user={user} section={route.params['section']} query={route.location.query} />;
    case 'tokens':
      return <TeamTokensPage teamId={route.params['teamId'] ?? ''} user={user} />;
    case 'assess':
      return <AssessPage teamId={route.params['teamId'] ?? ''} user={user} />;
    case 'checkpoint':
      return <CheckpointPage checkpointId={route.params['checkpointId'] ?? ''} user={user} query={route.location.query} />;
    default:
      return <NotFoundPage />;
  }
}

function Unreachable({ session }: { session: Extract<SessionState, { kind: 'unreachable' }> }): JSX.Element {
  return (
    <PublicLayout>
      <section class="card narrow">
        <h1>Stepwise is not available</h1>
        <ProblemBox problem={session.problem} />
        <button type="button" class="primary" onClick={() => void loadSession()}>
          Try again
        </button>
      </section>
    </PublicLayout>
  );
}

/** The whole app: finds out who is here, sends them where they may be, and shows the page. */
export function App(): JSX.Element | null {
  const session = useStore(sessionStore);
  const route = useStore(routeStore);
  useEffect(() => {
    void loadSession();
  }, []);
  const redirect = redirectFor(session, route);
  useEffect(() => {
    if (redirect !== undefined) navigate(redirect, { replace: true });
  }, [redirect]);
  if (session.kind === 'loading') {
    return (
      <PublicLayout>
        <Loading what="Stepwise" />
      </PublicLayout>
    );
  }
  if (session.kind === 'unreachable') return <Unreachable session={session} />;
  if (redirect !== undefined) return null;
  if (session.kind === 'signed-in') {
    return (
      <>
        <Layout user={session.user} route={route}>
          <SignedInPage route={route} user={session.user} />
        </Layout>
        <SignInDialog />
      </>
    );
  }
  return <PublicLayout>{route.page === 'setup' ? <SetupPage /> : <SignInPage query={route.location.query} />}</PublicLayout>;
}
