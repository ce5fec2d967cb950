/** Bounds applied to every YAML text before and after parsing (SECURITY.md S1). */
export interface YamlLimits {
  /** Largest accepted text, in characters. */
  readonly maxChars: number;
  /** Deepest accepted nesting of block indentation, sequence dashes and flow brackets together. */
  readonly maxDepth: number;
  /** Most alias (`*name`) nodes accepted in one file. */
  readonly maxAliases: number;
  /** Most nodes accepted in one file after parsing. */
  readonly maxNodes: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxChars: 5_000_000,
  maxDepth: 64,
  maxAliases: 100,
  maxNodes: 1_000_000,
};
