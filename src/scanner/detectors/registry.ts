import type { Detector } from '../contract.js';
import { detector as hasCodeowners } from './has-codeowners/index.js';

/** Every detector, sorted by id. A meta-test checks this list against the folders beside it. */
export const DETECTORS: readonly Detector[] = [hasCodeowners];
