import type { JSX } from 'preact';
import '../admin/admin.css';
import { AuditSection } from '../admin/audit.js';
import { OrganisationSection } from '../admin/organisation.js';
import { TeamsSection } from '../admin/teams.js';
import { AdminTokensSection } from '../admin/tokens.js';
import { TransferSection } from '../admin/transfer.js';
import { UsersSection } from '../admin/users.js';
import type { PublicUser } from '../api-types.js';
import { Link, PageHeading, useTitle } from '../ui.js';
import { NotFoundPage } from './other.js';

/**
 * Administration: people, teams and roles, organisation settings, API tokens, the audit log, and
 * import/export. Admins see every section; auditors (read-only) see the audit log and the exports;
 * anyone else gets "not found", as the API answers them.
 */

export type AdminSection = 'users' | 'teams' | 'organisation' | 'tokens' | 'audit' | 'transfer';

interface SectionInfo {
  readonly id: AdminSection;
  readonly title: string;
  readonly summary: string;
  readonly auditor: boolean;
}

export const SECTIONS: readonly SectionInfo[] = [
  { id: 'users', title: 'People', summary: 'Accounts: create, rename, admin and auditor rights, disable, reset a password.', auditor: false },
  { id: 'teams', title: 'Teams and groups', summary: 'Teams with their group, cadence and targets; who leads, assesses or views each team.', auditor: false },
  { id: 'organisation', title: 'Organisation', summary: 'Name, maturity model, default targets, domain weights, stale evidence, default cadence.', auditor: false },
  { id: 'tokens', title: 'API tokens', summary: 'Team tokens for CI pipelines that push scans and checkpoints.', auditor: false },
  { id: 'audit', title: 'Audit log', summary: 'Every change, sign-in, refused access and token use, newest first.', auditor: true },
  { id: 'transfer', title: 'Import and export', summary: 'The workspace folder as JSON, the XLSX workbook, DSOMM team progress.', auditor: true },
];

/** The sections a user may open: all for admins, the read-only ones for auditors, none for others. */
export function sectionsFor(user: PublicUser): readonly SectionInfo[] {
  if (user.isAdmin) return SECTIONS;
  return user.isAuditor ? SECTIONS.filter((section) => section.auditor) : [];
}

function SectionNav({ sections, current }: { readonly sections: readonly SectionInfo[]; readonly current: AdminSection | undefined }): JSX.Element {
  return (
    <nav class="admin-nav" aria-label="Administration">
      <ul>
        <li>
          <Link href="/admin" aria-current={current === undefined ? 'page' : undefined}>
            Overview
          </Link>
        </li>
        {sections.map((section) => (
          <li key={section.id}>
            <Link href={`/admin/${section.id}`} aria-current={current === section.id ? 'page' : undefined}>
              {section.title}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Overview({ sections, user }: { readonly sections: readonly SectionInfo[]; readonly user: PublicUser }): JSX.Element {
  return (
    <>
      {user.isAdmin ? null : <p class="muted">As an auditor you can read the audit log and export the organisation's data; changes are for admins.</p>}
      <ul class="admin-overview">
        {sections.map((section) => (
          <li key={section.id} class="card">
            <h2>
              <Link href={`/admin/${section.id}`}>{section.title}</Link>
            </h2>
            <p>{section.summary}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function SectionBody({ section, user, query }: { readonly section: AdminSection; readonly user: PublicUser; readonly query: URLSearchParams }): JSX.Element {
  switch (section) {
    case 'users':
      return <UsersSection me={user} query={query} />;
    case 'teams':
      return <TeamsSection query={query} />;
    case 'organisation':
      return <OrganisationSection />;
    case 'tokens':
      return <AdminTokensSection query={query} />;
    case 'audit':
      return <AuditSection query={query} />;
    case 'transfer':
      return <TransferSection user={user} />;
  }
}

/** `/admin` and `/admin/:section`. */
export function AdminPage({ user, section, query }: { readonly user: PublicUser; readonly section: string | undefined; readonly query: URLSearchParams }): JSX.Element {
  const sections = sectionsFor(user);
  const info = sections.find((candidate) => candidate.id === section);
  const title = info?.title ?? 'Administration';
  useTitle(title);
  if (sections.length === 0 || (section !== undefined && info === undefined)) return <NotFoundPage />;
  return (
    <div class="admin">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        {info === undefined ? (
          <span aria-current="page">Administration</span>
        ) : (
          <>
            <Link href="/admin">Administration</Link> <span aria-hidden="true">›</span> <span aria-current="page">{info.title}</span>
          </>
        )}
      </nav>
      <PageHeading>{title}</PageHeading>
      <SectionNav sections={sections} current={info?.id} />
      {info === undefined ? <Overview sections={sections} user={user} /> : <SectionBody section={info.id} user={user} query={query} />}
    </div>
  );
}
