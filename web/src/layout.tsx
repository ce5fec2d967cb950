import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { PublicUser } from './api-types.js';
import type { PageName, Route } from './router.js';
import { signOut } from './session.js';
import { Link } from './ui.js';

interface NavItem {
  readonly href: string;
  readonly label: string;
  /** Pages that count as this section (for aria-current). */
  readonly pages: readonly PageName[];
  readonly adminOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { href: '/', label: 'Dashboard', pages: ['dashboard'] },
  { href: '/teams', label: 'Teams', pages: ['teams', 'team', 'tokens'] },
  { href: '/backlog', label: 'Backlog', pages: ['backlog'] },
  { href: '/model', label: 'Model', pages: ['model'] },
  { href: '/admin', label: 'Admin', pages: ['admin'], adminOnly: true },
];

/** The navigation items a user sees: Admin only for admins and auditors (who get its audit log and exports). */
export function navItems(user: PublicUser): readonly NavItem[] {
  return NAV.filter((item) => item.adminOnly !== true || user.isAdmin || user.isAuditor);
}

/** After an in-app navigation, focus goes to the new page's heading so keyboard and screen-reader users start there. */
function useFocusOnNavigate(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-heading')?.focus();
  }, [path]);
}

/** Header with navigation and the user's menu, then the page. */
export function Layout({ user, route, children }: { readonly user: PublicUser; readonly route: Route; readonly children: ComponentChildren }): JSX.Element {
  useFocusOnNavigate(route.location.path);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Stepwise
        </Link>
        <nav aria-label="Main">
          <ul>
            {navItems(user).map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="user">
          <span class="who" title={user.username}>
            {user.displayName}
            {user.isAdmin ? <span class="muted"> · admin</span> : user.isAuditor ? <span class="muted"> · auditor</span> : null}
          </span>
          <Link href="/account/password" aria-current={route.page === 'password' ? 'page' : undefined}>
            Change password
          </Link>
          <button
            type="button"
            onClick={() => {
              void signOut();
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** The frame of the pages used before sign-in. */
export function PublicLayout({ children }: { readonly children: ComponentChildren }): JSX.Element {
  return (
    <>
      <header class="top">
        <span class="brand">Stepwise</span>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
