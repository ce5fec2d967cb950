import type { JSX } from 'preact';
import type { ApiResult } from '../api.js';
import { Loading, ProblemBox } from '../ui.js';
import type { MembersBody } from './types.js';

const ROLE_ORDER = { lead: 0, assessor: 1, viewer: 2 } as const;

/** Members sorted by role (leads first), then by name. */
export function sortedMembers(members: MembersBody['members']): MembersBody['members'] {
  return [...members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.displayName.localeCompare(b.displayName, 'en'));
}

/** Who belongs to the team and in which role. */
export function Members({ members }: { readonly members: ApiResult<MembersBody> | undefined }): JSX.Element {
  return (
    <section class="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      {members === undefined ? <Loading what="the members" /> : null}
      {members !== undefined && !members.ok ? <ProblemBox problem={members.problem} /> : null}
      {members?.ok === true && members.value.members.length === 0 ? <p class="muted">No member yet. An admin adds people to the team under Admin.</p> : null}
      {members?.ok === true && members.value.members.length > 0 ? (
        <ul class="members">
          {sortedMembers(members.value.members).map((member) => (
            <li key={member.userId}>
              <span class="member-name">{member.displayName}</span> <span class="muted">@{member.username}</span> <span class={`badge badge-role-${member.role}`}>{member.role}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
