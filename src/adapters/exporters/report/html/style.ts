/**
 * The report's one stylesheet. It sits in a <style> element whose hash the Content-Security-Policy
 * names, so no other style can apply. No web font, no image: the page works offline.
 */
export const REPORT_STYLE = `
:root {
  --ink: #1d2330; --muted: #5b6475; --rule: #d9dde5; --paper: #ffffff; --panel: #f5f7fa;
  --accent: #1f4e99; --good: #1b7a43; --warn: #9a5b00; --bad: #b3261e;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--paper); line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
header.top { background: #14213d; color: #fff; padding: 20px 32px 16px; }
header.top h1 { margin: 0 0 4px; font-size: 24px; font-weight: 650; }
header.top p { margin: 0; color: #c9d2e3; font-size: 14px; }
nav.sections { display: flex; gap: 18px; padding: 10px 32px; border-bottom: 1px solid var(--rule); position: sticky; top: 0; background: var(--paper); z-index: 2; font-size: 14px; }
nav.sections a { text-decoration: none; font-weight: 600; }
main { padding: 8px 32px 48px; max-width: 1500px; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 0; }
h4 { font-size: 14px; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 16px 0 8px; }
.tile { background: var(--panel); border: 1px solid var(--rule); border-radius: 8px; padding: 12px 14px; }
.tile b { display: block; font-size: 26px; font-weight: 700; }
.tile span { color: var(--muted); font-size: 13px; }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 12px 0; font-size: 14px; }
.controls input, .controls select { font: inherit; padding: 4px 8px; border: 1px solid var(--rule); border-radius: 4px; }
.controls output { color: var(--muted); }
figure { margin: 0; }
.chart { overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.chart.heatmap svg { max-width: none; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
.bar { display: inline-block; vertical-align: middle; }
section.team { border: 1px solid var(--rule); border-radius: 10px; padding: 18px 20px; margin: 18px 0; content-visibility: auto; contain-intrinsic-size: auto 900px; }
section.team.lazy { min-height: 900px; }
section.team header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 12px; margin-bottom: 8px; }
section.team header .meta { color: var(--muted); font-size: 14px; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 18px; align-items: start; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.badge.overdue, .badge.never-assessed { color: var(--bad); }
.badge.due-soon { color: var(--warn); }
.badge.on-track { color: var(--good); }
.prio { font-weight: 700; }
.prio.P1 { color: var(--bad); } .prio.P2 { color: var(--warn); } .prio.P3 { color: var(--accent); } .prio.P4 { color: var(--muted); }
.up { color: var(--good); font-weight: 600; } .down { color: var(--bad); font-weight: 600; }
.muted { color: var(--muted); }
ul.plain { padding-left: 18px; margin: 4px 0; font-size: 14px; }
details.domain summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
[hidden] { display: none !important; }
footer { color: var(--muted); font-size: 12px; padding: 16px 32px; border-top: 1px solid var(--rule); }
@media print {
  nav.sections, .controls { display: none; }
  header.top { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  header.top p { color: var(--muted); }
  main { padding: 0; max-width: none; }
  body { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  h2 { break-before: page; } h2.first { break-before: auto; }
  section.team { break-before: page; border: none; padding: 0; content-visibility: visible; }
  table, figure, .chart, tr { break-inside: avoid; }
  h3, h4 { break-after: avoid; }
  .tiles { grid-template-columns: repeat(5, 1fr); }
  .tile b { font-size: 20px; }
  .chart.heatmap svg { max-width: 100%; }
  a { color: inherit; text-decoration: none; }
}
`;
