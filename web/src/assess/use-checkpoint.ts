import { useEffect, useRef, useState } from 'preact/hooks';
import { api, apiGet } from '../api.js';
import type { ApiProblem, ApiResult } from '../api.js';
import { useDraft } from '../drafts.js';
import {
  afterSave,
  answerBody,
  answerHold,
  answerOf,
  answerVersion,
  ratingVersion,
  rebased,
  withAnswerFields,
  withoutEdit,
  withRating,
  withStoredAnswer,
  withEntry,
  withStoredRating,
} from './edits.js';
import type { AnswerEdit, AnswerFields, Edits, RatingEdit, Resource } from './edits.js';
import type { AnswerRecordBody, AnswerStatus, CheckpointView, RatingRecordBody } from './types.js';

/**
 * The checkpoint being assessed and the autosave around it. Every edit is kept as a draft at once
 * and sent after a short pause with If-Match naming the version it was made on. A 412 never
 * overwrites anything: the other person's current value is loaded and shown beside the edit until
 * the person keeps theirs (sent again on the new version) or takes the other.
 */

export type SaveState =
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'held'; readonly reason: string }
  | { readonly kind: 'error'; readonly problem: ApiProblem }
  | { readonly kind: 'conflict' };

/** Pause after the last keystroke or click before an edit is sent. */
const TEXT_DELAY = 900;
const CHOICE_DELAY = 450;
const REFRESH_DELAY = 350;
const POLL_INTERVAL = 30_000;

export interface CheckpointEditor {
  readonly view: CheckpointView | undefined;
  readonly loadProblem: ApiProblem | undefined;
  readonly edits: Edits;
  /** Save state per `practiceId|resource`. */
  readonly saves: Readonly<Record<string, SaveState>>;
  setAnswer(practiceId: string, fields: AnswerFields, immediate?: boolean): void;
  setRating(practiceId: string, status: AnswerStatus | null): void;
  keepMine(practiceId: string, resource: Resource): void;
  takeTheirs(practiceId: string, resource: Resource): void;
  retry(practiceId: string, resource: Resource): void;
  /** Sends every pending edit now and resolves when none is on its way. */
  flush(): Promise<void>;
  refresh(): Promise<void>;
  /** PATCH the checkpoint (state or quick scores) on `ifMatch` (default: the version last read): its new version, or the problem. */
  changeCheckpoint(body: { state?: string; domainScores?: Record<string, number> }, ifMatch?: number): Promise<CheckpointChange>;
}

export type CheckpointChange = { readonly ok: true; readonly version: number } | { readonly ok: false; readonly problem: ApiProblem };

/** The key of a resource's save state. */
export function saveKey(practiceId: string, resource: Resource): string {
  return `${practiceId}|${resource}`;
}

function resourcePath(checkpointId: string, practiceId: string, resource: Resource): string {
  return `/api/v1/checkpoints/${encodeURIComponent(checkpointId)}/${resource === 'answer' ? 'answers' : 'ratings'}/${encodeURIComponent(practiceId)}`;
}

function sendEdit(checkpointId: string, practiceId: string, resource: Resource, edit: AnswerEdit | RatingEdit): Promise<ApiResult<unknown>> {
  const path = resourcePath(checkpointId, practiceId, resource);
  if (resource === 'answer') return api<AnswerRecordBody>('PUT', path, { body: answerBody(edit), ifMatch: edit.base });
  const { status } = edit as RatingEdit;
  return status === null ? api('DELETE', path, { ifMatch: edit.base }) : api<RatingRecordBody>('PUT', path, { body: { status }, ifMatch: edit.base });
}

/** Loads and edits one checkpoint as `rater` (the signed-in username). */
export function useCheckpoint(checkpointId: string, rater: string): CheckpointEditor {
  const [view, setViewState] = useState<CheckpointView | undefined>(undefined);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | undefined>(undefined);
  const [edits, setEditsState] = useDraft<Edits>(`assess.${checkpointId}.${rater}`, {});
  const [saves, setSaves] = useState<Readonly<Record<string, SaveState>>>({});
  const viewRef = useRef(view);
  const editsRef = useRef(edits);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Set<string>());
  const again = useRef(new Set<string>());
  const conflicts = useRef(new Set<string>());
  /** Counts stored saves: a read that was on its way while one landed is out of date. */
  const generation = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const setView = (next: CheckpointView): void => {
    viewRef.current = next;
    setViewState(next);
  };
  const setEdits = (next: Edits): void => {
    editsRef.current = next;
    setEditsState(next);
  };
  const setSave = (key: string, state: SaveState | undefined): void => {
    setSaves((previous) => withEntry(previous, key, state));
  };

  /** Numbers the reads: an answer to an older read never replaces what a newer one showed. */
  const readTicket = useRef(0);
  const appliedTicket = useRef(0);
  const read = async (recoverSignIn = true): Promise<{ result: ApiResult<CheckpointView>; stale: boolean; apply: (next: CheckpointView) => void }> => {
    readTicket.current += 1;
    const ticket = readTicket.current;
    const result = await apiGet<CheckpointView>(`/api/v1/checkpoints/${encodeURIComponent(checkpointId)}`, { recoverSignIn });
    const apply = (next: CheckpointView): void => {
      appliedTicket.current = ticket;
      setView(next);
    };
    return { result, stale: ticket < appliedTicket.current, apply };
  };

  /** Reads the checkpoint again; in the background a 401 stays quiet (the next save asks the person to sign in). */
  const refresh = async (background = false): Promise<void> => {
    const started = generation.current;
    const { result, stale, apply } = await read(!background);
    if (stale) return;
    if (!result.ok) {
      if (viewRef.current === undefined) setLoadProblem(result.problem);
      return;
    }
    // A save landed (or is landing) while this read was out: its version would go backwards; read again.
    if (generation.current !== started || inFlight.current.size > 0) {
      scheduleRefresh();
      return;
    }
    setLoadProblem(undefined);
    apply(result.value);
  };

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void refresh(true), REFRESH_DELAY);
  }

  /** After a 412: the practice's current stored state from the server, so both versions can be shown. */
  const loadTheirs = async (practiceId: string): Promise<void> => {
    const { result, stale, apply } = await read();
    const current = viewRef.current;
    if (stale || !result.ok || current === undefined) return;
    apply({ ...current, answers: withEntry(current.answers, practiceId, answerOf(result.value, practiceId)) });
    scheduleRefresh();
  };

  const settle = async (practiceId: string, resource: Resource, edit: AnswerEdit | RatingEdit, result: ApiResult<unknown>): Promise<void> => {
    const key = saveKey(practiceId, resource);
    const current = viewRef.current;
    const gone = resource === 'rating' && !result.ok && result.problem.status === 404 && (edit as RatingEdit).status === null;
    if ((result.ok || gone) && current !== undefined) {
      generation.current += 1;
      const value = result.ok ? result.value : undefined;
      const next = resource === 'answer' ? withStoredAnswer(current, practiceId, value as AnswerRecordBody) : withStoredRating(current, practiceId, rater, value as RatingRecordBody | undefined);
      setView(next);
      const version = resource === 'answer' ? (value as AnswerRecordBody).version : ((value as RatingRecordBody | undefined)?.version ?? 0);
      setEdits(afterSave(editsRef.current, practiceId, resource, edit.seq, version));
      setSave(key, { kind: 'saved' });
      scheduleRefresh();
      return;
    }
    if (result.ok) return;
    if (result.problem.status === 412) {
      conflicts.current.add(key);
      setSave(key, { kind: 'conflict' });
      await loadTheirs(practiceId);
      return;
    }
    setSave(key, { kind: 'error', problem: result.problem });
  };

  const send = async (practiceId: string, resource: Resource): Promise<void> => {
    const key = saveKey(practiceId, resource);
    if (conflicts.current.has(key)) return;
    if (inFlight.current.has(key)) {
      again.current.add(key);
      return;
    }
    const edit = editsRef.current[practiceId]?.[resource];
    if (edit === undefined) return;
    const hold = resource === 'answer' ? answerHold(answerOf(viewRef.current, practiceId), edit) : undefined;
    if (hold !== undefined) {
      setSave(key, { kind: 'held', reason: hold });
      return;
    }
    if (resource === 'rating' && (edit as RatingEdit).status === null && edit.base === 0) {
      setEdits(withoutEdit(editsRef.current, practiceId, 'rating'));
      setSave(key, undefined);
      return;
    }
    inFlight.current.add(key);
    setSave(key, { kind: 'saving' });
    const result = await sendEdit(checkpointId, practiceId, resource, edit);
    inFlight.current.delete(key);
    await settle(practiceId, resource, edit, result);
    if (again.current.delete(key)) await send(practiceId, resource);
  };

  const schedule = (practiceId: string, resource: Resource, delay: number): void => {
    const key = saveKey(practiceId, resource);
    clearTimeout(timers.current.get(key));
    if (conflicts.current.has(key)) return;
    setSave(key, { kind: 'saving' });
    timers.current.set(
      key,
      setTimeout(() => {
        timers.current.delete(key);
        void send(practiceId, resource);
      }, delay),
    );
  };

  const flush = async (): Promise<void> => {
    for (const [key, timer] of timers.current) {
      clearTimeout(timer);
      timers.current.delete(key);
      const [practiceId = '', resource = 'answer'] = key.split('|');
      void send(practiceId, resource as Resource);
    }
    while (inFlight.current.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  useEffect(() => {
    let current = true;
    void read().then(({ result, apply }) => {
      if (!current) return;
      if (!result.ok) {
        setLoadProblem(result.problem);
        return;
      }
      apply(result.value);
      // Edits restored from a draft (after a reload or a new sign-in) go out again; a stale one meets the conflict view.
      for (const [practiceId, practice] of Object.entries(editsRef.current)) {
        if (practice.answer !== undefined) schedule(practiceId, 'answer', 0);
        if (practice.rating !== undefined) schedule(practiceId, 'rating', 0);
      }
    });
    const onFocus = (): void => {
      if (viewRef.current !== undefined) scheduleRefresh();
    };
    const poll = setInterval(() => {
      if (document.visibilityState === 'visible' && viewRef.current !== undefined && viewRef.current.state !== 'final') scheduleRefresh();
    }, POLL_INTERVAL);
    window.addEventListener('focus', onFocus);
    return () => {
      current = false;
      clearInterval(poll);
      clearTimeout(refreshTimer.current);
      window.removeEventListener('focus', onFocus);
    };
    // The checkpoint id is the page's identity: everything else is read through refs.
  }, [checkpointId]);

  return {
    view,
    loadProblem,
    edits,
    saves,
    setAnswer: (practiceId, fields, immediate = false) => {
      setEdits(withAnswerFields(editsRef.current, practiceId, fields, answerVersion(viewRef.current, practiceId)));
      schedule(practiceId, 'answer', immediate ? 0 : fields.justification !== undefined ? TEXT_DELAY : CHOICE_DELAY);
    },
    setRating: (practiceId, status) => {
      setEdits(withRating(editsRef.current, practiceId, status, ratingVersion(viewRef.current, practiceId, rater)));
      schedule(practiceId, 'rating', CHOICE_DELAY);
    },
    keepMine: (practiceId, resource) => {
      const key = saveKey(practiceId, resource);
      conflicts.current.delete(key);
      const stored = resource === 'answer' ? answerVersion(viewRef.current, practiceId) : ratingVersion(viewRef.current, practiceId, rater);
      setEdits(rebased(editsRef.current, practiceId, resource, stored));
      void send(practiceId, resource);
    },
    takeTheirs: (practiceId, resource) => {
      const key = saveKey(practiceId, resource);
      conflicts.current.delete(key);
      setEdits(withoutEdit(editsRef.current, practiceId, resource));
      setSave(key, undefined);
      scheduleRefresh();
    },
    retry: (practiceId, resource) => {
      void send(practiceId, resource);
    },
    flush,
    refresh,
    changeCheckpoint: async (body, ifMatch) => {
      const current = viewRef.current;
      if (current === undefined) return { ok: false, problem: { status: 0, title: 'Not loaded', detail: 'the checkpoint is not loaded yet', advice: 'Wait a moment and try again.', correlationId: undefined } };
      const result = await api<CheckpointView>('PATCH', `/api/v1/checkpoints/${encodeURIComponent(checkpointId)}`, { body, ifMatch: ifMatch ?? current.version });
      if (result.ok) {
        setView({ ...current, state: result.value.state, version: result.value.version, domainScores: result.value.domainScores, updatedAt: result.value.updatedAt });
        await refresh();
        return { ok: true, version: result.value.version };
      }
      if (result.problem.status === 412) await refresh();
      return { ok: false, problem: result.problem };
    },
  };
}
