export { Heatmap } from './heatmap.js';
export type { HeatmapProps } from './heatmap.js';
export { belowTarget, cellTooltip, meanLevel, sectionRows, sortRows } from './heatmap-model.js';
export type { HeatmapCell, HeatmapColumn, HeatmapRow, HeatmapSection, HeatmapSort } from './heatmap-model.js';
export { Radar } from './radar.js';
export type { RadarAxis, RadarProps, RadarValues } from './radar.js';
export { Trend } from './trend.js';
export type { TrendCheckpoint, TrendProps, TrendSeries } from './trend.js';
export { DisagreementMap, ratersOf, ratingSpreadOf } from './disagreement.js';
export type { DisagreementMapProps, DisagreementRow, RatingSpread } from './disagreement.js';
export { renderSvg, standaloneSvg } from './render.js';
export {
  CATEGORICAL,
  cellStyle,
  FONT_FAMILY,
  formatLevel,
  INCOMPLETE_SUFFIX,
  INK,
  LEVEL_RAMP,
  levelColor,
  levelPalette,
  MIN_TEXT_CONTRAST,
  NOT_APPLICABLE_STYLE,
  NOT_RATED_STYLE,
  RADAR_STYLE,
  seriesStyle,
  STATUS_STYLES,
  textColorOn,
  UNASSESSED_STYLE,
} from './palette.js';
export type { CellState, CellStyle, LevelSwatch, MarkerShape, SeriesStyle, StatusStyle } from './palette.js';
export { contrastRatio, relativeLuminance } from './color.js';
/** Structural reading of rendered chart markup, for tests in any layer. */
export { allElements, byClass, byName, parseSvg, textOf, titleOf, unsafeParts } from './svg-inspect.js';
export type { SvgElement, SvgNode } from './svg-inspect.js';
