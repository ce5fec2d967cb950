/** The answers a practice can have (PRODUCT.md §2). */
export const ANSWER_STATUSES = ['implemented', 'partial', 'not-implemented', 'not-applicable', 'unknown'] as const;

export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
