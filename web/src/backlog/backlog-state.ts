import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, apiGet } from '../api.js';
import type { ApiProblem, ApiResult } from '../api.js';
import type { BacklogStatus } from '../../../src/core/persistence/records.js';
import { statusChanges, withStatus } from './backlog-data.js';
import type { BacklogBody, BacklogEntry, StatusBody, StatusChange, TeamInfo } from './backlog-data.js';

/** What the last move did, for the message above the board. */
export type MoveNotice =
  | { readonly kind: 'moved'; readonly item: BacklogEntry; readonly to: BacklogStatus }
  /** Someone changed the item after this page loaded it: both values are shown and the user chooses. */
  | { readonly kind: 'conflict'; readonly theirs: BacklogEntry; readonly mine: BacklogStatus; readonly others: readonly StatusChange[] }
  /** The item left the backlog meanwhile (its practice got implemented, a new checkpoint was finalised). */
  | { readonly kind: 'gone'; readonly item: BacklogEntry; readonly mine: BacklogStatus }
  | { readonly kind: 'failed'; readonly item: BacklogEntry; readonly problem: ApiProblem };

export interface BacklogState {
  readonly listing: ApiResult<BacklogBody> | undefined;
  readonly pending: ReadonlySet<string>;
  readonly notice: MoveNotice | undefined;
  readonly move: (item: BacklogEntry, to: BacklogStatus) => Promise<void>;
  readonly dismiss: () => void;
  readonly reload: () => void;
}

/** The address of an item's status. */
export function statusPath(item: Pick<BacklogEntry, 'team' | 'key'>): string {
  return `/api/v1/teams/${encodeURIComponent(item.team)}/backlog/${encodeURIComponent(item.key)}/status`;
}

function itemId(item: Pick<BacklogEntry, 'team' | 'key'>): string {
  return `${item.team}\n${item.key}`;
}

/** The listing at `path` (ordered by `strategy`) and the moves made on it, each sent with the version it was read at. */
export function useBacklog(path: string, strategy: string): BacklogState {
  const [listing, setListing] = useState<ApiResult<BacklogBody> | undefined>(undefined);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<MoveNotice | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef<ApiResult<BacklogBody> | undefined>(undefined);
  const address = `${path}?strategy=${encodeURIComponent(strategy)}`;
  const show = useCallback((next: ApiResult<BacklogBody> | undefined) => {
    latest.current = next;
    setListing(next);
  }, []);
  useEffect(() => {
    let current = true;
    show(undefined);
    void apiGet<BacklogBody>(address).then((answer) => {
      if (current) show(answer);
    });
    return () => {
      current = false;
    };
  }, [address, attempt, show]);

  const settle = useCallback(
    async (item: BacklogEntry, to: BacklogStatus, problem: ApiProblem): Promise<MoveNotice> => {
      if (problem.status !== 412 && problem.status !== 404) return { kind: 'failed', item, problem };
      const before = latest.current?.ok === true ? latest.current.value.items : [];
      const fresh = await apiGet<BacklogBody>(address);
      if (!fresh.ok) return { kind: 'failed', item, problem: fresh.problem };
      show(fresh);
      const theirs = fresh.value.items.find((candidate) => itemId(candidate) === itemId(item));
      if (theirs === undefined) return { kind: 'gone', item, mine: to };
      return { kind: 'conflict', theirs, mine: to, others: statusChanges(before, fresh.value.items).filter((change) => itemId(change.item) !== itemId(item)) };
    },
    [address, show],
  );

  const move = useCallback(
    async (item: BacklogEntry, to: BacklogStatus) => {
      setPending((keys) => new Set([...keys, itemId(item)]));
      const result = await api<StatusBody>('PUT', statusPath(item), { body: { status: to }, ifMatch: item.statusVersion });
      if (result.ok && latest.current?.ok === true) {
        const items = withStatus(latest.current.value.items, item.key, item.team, result.value.status, result.value.version);
        show({ ...latest.current, value: { ...latest.current.value, items } });
        setNotice({ kind: 'moved', item, to });
      } else if (!result.ok) {
        setNotice(await settle(item, to, result.problem));
      }
      setPending((keys) => new Set([...keys].filter((key) => key !== itemId(item))));
    },
    [settle, show],
  );

  return { listing, pending, notice, move, dismiss: () => { setNotice(undefined); }, reload: () => { setAttempt((value) => value + 1); } };
}

/** The teams the user can see, by id (names and groups for the filters and cards). */
export function useTeams(): ReadonlyMap<string, TeamInfo> {
  const [teams, setTeams] = useState<ReadonlyMap<string, TeamInfo>>(new Map());
  useEffect(() => {
    let current = true;
    void apiGet<{ teams: readonly TeamInfo[] }>('/api/v1/teams').then((answer) => {
      if (current && answer.ok) setTeams(new Map(answer.value.teams.map((team) => [team.id, { id: team.id, name: team.name, group: team.group }])));
    });
    return () => {
      current = false;
    };
  }, []);
  return teams;
}
