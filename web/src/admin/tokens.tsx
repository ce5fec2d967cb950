import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { navigate, pathWithQuery } from '../router.js';
import { Loading, ProblemBox } from '../ui.js';
import { Checkbox, ConfirmDialog, ErrorSummary, Saved, SelectInput, TextInput, useFocusFirstError, When } from './forms.js';
import { CreateButton } from './editing.js';
import { useApi } from './load.js';
import { AdminTable } from './table.js';
import type { CreatedToken, Team, TeamsBody, TokenScope, TokensBody, TokenView } from './types.js';
import { SCOPE_HELP, SCOPES } from './types.js';
import type { FieldErrors } from './validate.js';
import { compact, isClean } from './validate.js';

/**
 * A team's API tokens for CI: create one (its secret is shown once, with a copy button), list them by
 * name and last four characters, revoke one. Used by `/admin/tokens` and by leads at `/teams/:teamId/tokens`.
 */

const MAX_TOKEN_NAME = 100;

/** The mistakes in a new token. */
export function tokenErrors(name: string, scopes: readonly TokenScope[]): FieldErrors {
  return compact({
    name: name.trim() === '' ? 'Name the token after where it is used, e.g. “GitHub Actions”.' : name.trim().length > MAX_TOKEN_NAME ? `Keep the name to ${MAX_TOKEN_NAME} characters.` : undefined,
    scopes: scopes.length === 0 ? 'Choose at least one thing the token may do.' : undefined,
  });
}

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (not a secure context) or no permission: select the text so Ctrl+C copies it.
    input?.focus();
    input?.select();
    return false;
  }
}

/** The new token, once: a warning, the token in a read-only box, and a copy button. */
function ShownOnce({ created, onDone }: { readonly created: CreatedToken; readonly onDone: () => void }): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section class="token-once" aria-labelledby="token-once-heading">
      <h3 id="token-once-heading" ref={heading} tabIndex={-1}>
        Copy the token “{created.name}” now
      </h3>
      <p class="warning-text">
        <strong>It is shown only this once.</strong> Stepwise keeps only a hash of it: after you leave or reload this page nobody can see it again, and a lost token must be revoked and
        replaced. Store it as a CI secret (for example <code>STEPWISE_TOKEN</code>), never in the repository.
      </p>
      <div class="field">
        <label for="token-value">Token (scopes: {created.scopes.join(', ')})</label>
        <div class="copy-row">
          <input id="token-value" ref={input} type="text" readOnly value={created.token} class="token-value" onFocus={(event) => { event.currentTarget.select(); }} />
          <button
            type="button"
            class="primary"
            onClick={() => {
              void copyText(created.token, input.current).then(setCopied);
            }}
          >
            Copy the token
          </button>
        </div>
      </div>
      {copied === undefined ? null : (
        <p role="status" class={copied ? 'copied' : 'muted'}>
          {copied ? 'Copied to the clipboard.' : 'The browser did not allow copying: the token is selected, press Ctrl+C (⌘C).'}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={onDone}>
          I have stored it — hide the token
        </button>
      </div>
    </section>
  );
}

function CreateToken({ team, onCreated }: { readonly team: Team; readonly onCreated: (created: CreatedToken) => void }): JSX.Element {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<readonly TokenScope[]>(['scan:push']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useFocusFirstError(errors, attempt, (field) => (field === 'scopes' ? 'token-scope-scan:push' : 'token-name'));
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const found = tokenErrors(name, scopes);
    setErrors(found);
    setAttempt(attempt + 1);
    setProblem(undefined);
    if (!isClean(found)) return;
    setBusy(true);
    const result = await api<CreatedToken>('POST', `/api/v1/teams/${encodeURIComponent(team.id)}/tokens`, { body: { name: name.trim(), scopes } });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setName('');
    onCreated(result.value);
  };
  const toggle = (scope: TokenScope, on: boolean): void => {
    setScopes(on ? SCOPES.filter((candidate) => candidate === scope || scopes.includes(candidate)) : scopes.filter((candidate) => candidate !== scope));
  };
  return (
    <form class="stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-token-heading">
      <h3 id="new-token-heading">Create a token</h3>
      <ErrorSummary errors={errors} />
      <TextInput id="token-name" label="Name" required value={name} onInput={setName} error={errors['name']} hint="Where it is used, so you know which one to revoke: “GitHub Actions”, “GitLab nightly”…" />
      <fieldset class="plain-fieldset" aria-describedby={errors['scopes'] === undefined ? undefined : 'token-scopes-error'}>
        <legend>What the token may do</legend>
        {SCOPES.map((scope) => (
          <Checkbox key={scope} id={`token-scope-${scope}`} label={<code>{scope}</code>} checked={scopes.includes(scope)} onChange={(on) => { toggle(scope, on); }} hint={SCOPE_HELP[scope]} />
        ))}
        {errors['scopes'] === undefined ? null : (
          <div class="field-error" id="token-scopes-error">
            <span aria-hidden="true">✗ </span>
            {errors['scopes']}
          </div>
        )}
      </fieldset>
      <ProblemBox problem={problem} />
      <CreateButton busy={busy} label="Create the token" />
    </form>
  );
}

function TokenRow({ token, onRevoke }: { readonly token: TokenView; readonly onRevoke: (token: TokenView) => void }): JSX.Element {
  return (
    <tr data-token={token.name} class={token.revokedAt === null ? undefined : 'revoked'}>
      <th scope="row">{token.name}</th>
      <td>{token.scopes.join(', ')}</td>
      <td>
        <code aria-label={`ending in ${token.last4}`}>…{token.last4}</code>
      </td>
      <td>
        <When at={token.createdAt} /> <span class="muted">by {token.createdBy}</span>
      </td>
      <td>
        <When at={token.lastUsedAt} />
      </td>
      <td>
        {token.revokedAt === null ? (
          <span class="badge badge-active">active</span>
        ) : (
          <>
            <span class="badge badge-disabled">revoked</span> <When at={token.revokedAt} />
          </>
        )}
      </td>
      <td>
        {token.revokedAt === null ? (
          <button
            type="button"
            class="danger"
            aria-label={`Revoke ${token.name} (…${token.last4})`}
            onClick={() => {
              onRevoke(token);
            }}
          >
            Revoke
          </button>
        ) : null}
      </td>
    </tr>
  );
}

function TokenTable({ tokens, onRevoke }: { readonly tokens: readonly TokenView[]; readonly onRevoke: (token: TokenView) => void }): JSX.Element {
  const active = tokens.filter((token) => token.revokedAt === null);
  const revoked = tokens.filter((token) => token.revokedAt !== null);
  return (
    <AdminTable caption="API tokens, active first" columns={['Name', 'Scopes', 'Token', 'Created', 'Last used', 'State']}>
      <tbody>
        {[...active, ...revoked].map((token) => (
          <TokenRow key={token.id} token={token} onRevoke={onRevoke} />
        ))}
      </tbody>
    </AdminTable>
  );
}

/** A team's tokens: the list, the create form, and the new token shown once. */
export function TokensPanel({ team }: { readonly team: Team }): JSX.Element {
  const tokens = useApi<TokensBody>(`/api/v1/teams/${encodeURIComponent(team.id)}/tokens`);
  const [created, setCreated] = useState<CreatedToken | undefined>(undefined);
  const [revoking, setRevoking] = useState<TokenView | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const revoke = async (token: TokenView): Promise<void> => {
    setBusy(true);
    const result = await api('DELETE', `/api/v1/teams/${encodeURIComponent(team.id)}/tokens/${encodeURIComponent(token.id)}`);
    setBusy(false);
    setRevoking(undefined);
    setProblem(result.ok ? undefined : result.problem);
    setSaved(result.ok ? `The token “${token.name}” (…${token.last4}) is revoked: it is refused from now on.` : undefined);
    tokens.reload();
  };
  const list = tokens.result?.ok === true ? tokens.result.value.tokens : undefined;
  return (
    <div class="tokens-layout">
      <section class="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">
          API tokens of {team.name} {list === undefined ? null : <span class="muted">({list.filter((token) => token.revokedAt === null).length} active)</span>}
        </h2>
        <p class="muted">
          CI pipelines send them as <code>Authorization: Bearer …</code> with <code>stepwise push</code>. A token works for this team only and only for its scopes.
        </p>
        {tokens.result === undefined ? <Loading what="the tokens" /> : null}
        {tokens.result !== undefined && !tokens.result.ok ? <ProblemBox problem={tokens.result.problem} /> : null}
        {list !== undefined && list.length === 0 ? <p>No token yet.</p> : null}
        {list === undefined || list.length === 0 ? null : <TokenTable tokens={list} onRevoke={setRevoking} />}
        <ProblemBox problem={problem} />
        <Saved text={saved} />
      </section>
      <section class="card narrow-card">
        {created === undefined ? (
          <CreateToken
            team={team}
            onCreated={(token) => {
              setSaved(undefined);
              setCreated(token);
              tokens.reload();
            }}
          />
        ) : (
          <ShownOnce
            created={created}
            onDone={() => {
              setCreated(undefined);
            }}
          />
        )}
      </section>
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke the token “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke the token"
        busy={busy}
        onCancel={() => {
          setRevoking(undefined);
        }}
        onConfirm={() => {
          if (revoking !== undefined) void revoke(revoking);
        }}
      >
        <p>Pipelines using the token ending in …{revoking?.last4} are refused from their next request. This cannot be undone: create a new token to replace it.</p>
      </ConfirmDialog>
    </div>
  );
}

/** `/admin/tokens?team=<id>`: pick a team, then its tokens. */
export function AdminTokensSection({ query }: { readonly query: URLSearchParams }): JSX.Element {
  const teams = useApi<TeamsBody>('/api/v1/teams');
  const chosen = query.get('team') ?? '';
  if (teams.result === undefined) return <Loading what="the teams" />;
  if (!teams.result.ok) return <ProblemBox problem={teams.result.problem} />;
  const list = [...teams.result.value.teams].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const team = list.find((candidate) => candidate.id === chosen);
  return (
    <>
      <section class="card">
        {list.length === 0 ? (
          <p>No team yet: tokens belong to a team, so create one on the Teams and groups page first.</p>
        ) : (
          <SelectInput
            id="tokens-team"
            label="Team"
            value={team?.id ?? ''}
            options={[['', 'Choose a team…'], ...list.map((candidate): [string, string] => [candidate.id, `${candidate.name} (${candidate.id})`])]}
            onChange={(value) => {
              navigate(pathWithQuery('/admin/tokens', { team: value }), { replace: true });
            }}
            hint="Tokens belong to one team. Team leads manage their own team's tokens from the team's page."
            error={chosen !== '' && team === undefined ? `There is no team “${chosen}”.` : undefined}
          />
        )}
      </section>
      {team === undefined ? null : <TokensPanel key={team.id} team={team} />}
    </>
  );
}
