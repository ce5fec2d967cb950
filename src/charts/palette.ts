import type { AnswerStatus } from '../core/workspace/answer-status.js';
import { contrastRatio, sampleRamp } from './color.js';

/**
 * Colours of every chart. Levels use a sequential ramp interpolated (in OKLab) from published
 * anchor values of cividis (Nuñez, Anderton & Renslow 2018), a map built to read the same for
 * people with red–green colour vision deficiency. Level 0 is the light end and the highest level
 * the dark end ("more ink, more maturity"). Series and statuses use the Okabe–Ito set.
 */

/** cividis sampled at 0, 0.2, …, 1, light end first so that index 0 serves level 0. */
export const LEVEL_RAMP: readonly string[] = ['#fee838', '#c8b866', '#948e77', '#666970', '#35456c', '#00224e'];

/** Part of the ramp the levels use: the loudest yellow is left out so level 0 stays calm. */
const RAMP_START = 0.1;
const RAMP_END = 1;

/** Neutral inks shared by all charts. */
export const INK = {
  text: '#1f2328',
  muted: '#57606a',
  faint: '#8c959f',
  grid: '#d8dee4',
  axis: '#8c959f',
  background: '#ffffff',
} as const;

/** System font stack for every chart. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

/** Dark text for light fills (soft black). */
export const DARK_TEXT = '#1a1a1a';
const SOFT_DARK = DARK_TEXT;
const WHITE = '#ffffff';
const BLACK = '#000000';
/** WCAG AA for normal-size text. */
export const MIN_TEXT_CONTRAST = 4.5;

/** Text colour for a fill: soft dark or white when either reaches 4.5:1, else pure black or white. */
export function textColorOn(fill: string): string {
  const soft = contrastRatio(fill, SOFT_DARK) >= contrastRatio(fill, WHITE) ? SOFT_DARK : WHITE;
  if (contrastRatio(fill, soft) >= MIN_TEXT_CONTRAST) return soft;
  return contrastRatio(fill, BLACK) >= contrastRatio(fill, WHITE) ? BLACK : WHITE;
}

/** Fill colour of a level on a 0..maxLevel scale (levels outside are clamped). */
export function levelColor(level: number, maxLevel: number): string {
  const t = maxLevel <= 0 ? 1 : Math.min(1, Math.max(0, level / maxLevel));
  return sampleRamp(LEVEL_RAMP, RAMP_START + (RAMP_END - RAMP_START) * t);
}

/** A level's fill with the text colour chosen for contrast. */
export interface LevelSwatch {
  readonly level: number;
  readonly fill: string;
  readonly text: string;
}

/** Fill and text colour of each level 0..maxLevel. */
export function levelPalette(maxLevel: number): LevelSwatch[] {
  const count = Math.max(0, Math.floor(maxLevel)) + 1;
  return Array.from({ length: count }, (_, level) => {
    const fill = levelColor(level, maxLevel);
    return { level, fill, text: textColorOn(fill) };
  });
}

/** Not applicable: a light hatch under dark text reading "n/a". */
export const NOT_APPLICABLE_STYLE = { background: '#f6f8fa', stripe: '#c5ccd3', text: '#32383f', label: 'n/a' } as const;
/** Unassessed: flat light grey with a dash. */
export const UNASSESSED_STYLE = { fill: '#e6e9ec', text: '#3d444b', label: '–' } as const;
/** Incomplete: the level so far, a "?" suffix and a dashed outline in the cell's text colour. */
export const INCOMPLETE_SUFFIX = '?';

export type CellState = 'scored' | 'not-applicable' | 'unassessed' | 'incomplete';

/** How one heatmap cell is painted. */
export interface CellStyle {
  /** A colour, or `pattern` for the not-applicable hatch (the caller supplies the pattern url). */
  readonly fill: string;
  readonly pattern: boolean;
  readonly text: string;
  readonly label: string;
  readonly dashed: boolean;
}

/** Paint and printed text of a cell from its state and level. */
export function cellStyle(state: CellState, level: number | null, maxLevel: number): CellStyle {
  if (state === 'not-applicable') return { fill: NOT_APPLICABLE_STYLE.background, pattern: true, text: NOT_APPLICABLE_STYLE.text, label: NOT_APPLICABLE_STYLE.label, dashed: false };
  if (level === null) {
    const label = state === 'incomplete' ? INCOMPLETE_SUFFIX : UNASSESSED_STYLE.label;
    return { fill: UNASSESSED_STYLE.fill, pattern: false, text: UNASSESSED_STYLE.text, label, dashed: state === 'incomplete' };
  }
  if (state === 'unassessed') return { fill: UNASSESSED_STYLE.fill, pattern: false, text: UNASSESSED_STYLE.text, label: UNASSESSED_STYLE.label, dashed: false };
  const fill = levelColor(level, maxLevel);
  const incomplete = state === 'incomplete';
  return { fill, pattern: false, text: textColorOn(fill), label: `${formatLevel(level)}${incomplete ? INCOMPLETE_SUFFIX : ''}`, dashed: incomplete };
}

/** A level as printed: whole numbers plain, fractions to one decimal. */
export function formatLevel(level: number): string {
  return Number.isInteger(level) ? String(level) : level.toFixed(1);
}

/**
 * Okabe & Ito's colour-blind-safe qualitative set, reordered so the strongest colours come first
 * and the yellow (weak on white) comes last.
 */
export const CATEGORICAL: readonly string[] = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#000000', '#f0e442'];

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down';
/** Marker shapes in the order series use them. */
export const MARKER_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'triangle-down'];

/** Colour, marker and dash of series `index`: colour and shape cycle at different lengths, so 40 series stay distinct. */
export interface SeriesStyle {
  readonly color: string;
  readonly marker: MarkerShape;
  readonly dash: string | undefined;
}

/** The style of the `index`-th series of a trend or legend. */
export function seriesStyle(index: number): SeriesStyle {
  const color = CATEGORICAL[index % CATEGORICAL.length] ?? INK.text;
  const marker = MARKER_SHAPES[index % MARKER_SHAPES.length] ?? 'circle';
  const dash = index >= CATEGORICAL.length ? '6 3' : undefined;
  return { color, marker, dash };
}

/** Radar series: current (filled), target (dashed), previous (thin). */
export const RADAR_STYLE = {
  current: { stroke: '#0072b2', fill: '#0072b2', fillOpacity: 0.16 },
  target: { stroke: '#c45100', dash: '6 4' },
  previous: { stroke: '#6e7781' },
} as const;

/** How a rater status is shown: tinted cell, a glyph in a strong ink, and a word (never colour alone). */
export interface StatusStyle {
  readonly fill: string;
  readonly ink: string;
  readonly text: string;
  readonly label: string;
  readonly glyph: 'full' | 'half' | 'cross' | 'dash' | 'question';
}

/** Rater statuses, from Okabe–Ito hues: blue = implemented, orange = partial, vermillion = not implemented. */
export const STATUS_STYLES: Readonly<Record<AnswerStatus, StatusStyle>> = {
  implemented: { fill: '#d9ebf7', ink: '#005a8e', text: '#14212b', label: 'Yes', glyph: 'full' },
  partial: { fill: '#fcebc7', ink: '#8a5a00', text: '#2b2110', label: 'Partly', glyph: 'half' },
  'not-implemented': { fill: '#f9dccc', ink: '#a63f00', text: '#2b1a10', label: 'No', glyph: 'cross' },
  'not-applicable': { fill: '#eceff1', ink: '#57606a', text: '#24292f', label: 'n/a', glyph: 'dash' },
  unknown: { fill: '#ffffff', ink: '#6e7781', text: '#24292f', label: 'Unknown', glyph: 'question' },
};

/** Style of a rater who gave no rating for the practice. */
export const NOT_RATED_STYLE = { fill: '#ffffff', text: '#57606a', label: '—' } as const;
