import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { cellStyle } from '../../../src/charts/palette.js';
import type { DomainScore } from '../../../src/core/scoring/score-checkpoint.js';
import { cellStateOfScore, domainFlags, domainNames, gapText, levelText, progressText } from './team-data.js';
import type { TeamSummary } from './types.js';

/** Element id of a domain's row, the target of `?domain=`. */
export function domainRowId(domain: string): string {
  return `domain-${domain}`;
}

function LevelCell({ score, maxLevel }: { score: DomainScore; maxLevel: number }): JSX.Element {
  const paint = cellStyle(cellStateOfScore(score), score.basis === 'unassessed' ? null : score.level, maxLevel);
  const text = levelText(score);
  return (
    <td class="level-cell" data-level={score.basis === 'unassessed' || score.level === null ? '' : String(score.level)}>
      <span class={`swatch${paint.dashed ? ' swatch-dashed' : ''}`} style={{ background: paint.fill, color: paint.text }} aria-hidden="true">
        {paint.label}
      </span>
      {score.basis === 'unassessed' ? <span class="muted"> not assessed</span> : <span class="visually-hidden">{text}</span>}
    </td>
  );
}

function ProgressCell({ score, maxLevel }: { score: DomainScore; maxLevel: number }): JSX.Element {
  const text = progressText(score);
  const share = score.progress === null || maxLevel <= 0 ? 0 : Math.min(1, score.progress / maxLevel);
  return (
    <td class="progress-cell">
      {text === '—' ? null : (
        <span class="progress-bar" aria-hidden="true">
          <span class="progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
        </span>
      )}
      <span class="num">{text}</span>
    </td>
  );
}

function Flags({ score }: { score: DomainScore }): JSX.Element {
  const flags = domainFlags(score);
  if (flags.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="flags">
      {flags.map((flag) => (
        <li key={flag.kind} class={`flag flag-${flag.kind}`}>
          {flag.text}
        </li>
      ))}
    </ul>
  );
}

/** Scrolls the `?domain=` row into view once it is on the page. */
function useScrollTo(focus: string | null): void {
  useEffect(() => {
    if (focus !== null) document.getElementById(domainRowId(focus))?.scrollIntoView({ block: 'center' });
  }, [focus]);
}

/** Levels per domain: level, progress, target, gap and the flags that qualify them; `focus` is highlighted. */
export function DomainTable({ summary, maxLevel, focus }: { readonly summary: TeamSummary; readonly maxLevel: number; readonly focus: string | null }): JSX.Element {
  const names = domainNames(summary);
  useScrollTo(focus);
  return (
    <section class="card" aria-labelledby="domains-heading">
      <h2 id="domains-heading">Domains</h2>
      <p class="muted">
        Levels as of {summary.asOf}
        {summary.date === null ? '' : `, from the checkpoint of ${summary.date}`}. Progress 1.5 means level 1, half-way to 2. “?” marks a level still waiting for answers.
      </p>
      <div class="table-scroll">
        <table class="scores data">
          <caption class="visually-hidden">Level, progress, target, gap and flags per domain</caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Level</th>
              <th scope="col">Progress</th>
              <th scope="col">Target</th>
              <th scope="col">Gap</th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {summary.scores.map((score) => (
              <tr key={score.domain} id={domainRowId(score.domain)} data-domain={score.domain} class={focus === score.domain ? 'focus-row' : undefined} aria-current={focus === score.domain ? 'true' : undefined}>
                <th scope="row">{names.get(score.domain) ?? score.domain}</th>
                <LevelCell score={score} maxLevel={maxLevel} />
                <ProgressCell score={score} maxLevel={maxLevel} />
                <td class="num">{score.target ?? '—'}</td>
                <td class="num">{gapText(score)}</td>
                <td>
                  <Flags score={score} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
