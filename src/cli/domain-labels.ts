import type { ModelDomain } from '../core/model/model.js';

/** Short column labels for domains: initials of multi-word ids (VM, SC), the first letters of one-word ids (SEC). */
export function domainLabels(domains: readonly ModelDomain[]): Map<string, string> {
  const labels = new Map<string, string>();
  const used = new Set<string>();
  for (const domain of domains) {
    const words = domain.id.split('-').filter((word) => word !== '');
    let label = words.length > 1 ? words.map((word) => word[0] ?? '').join('') : domain.id.slice(0, 3);
    label = label.toUpperCase();
    let candidate = label;
    for (let suffix = 2; used.has(candidate); suffix += 1) candidate = `${label}${suffix}`;
    used.add(candidate);
    labels.set(domain.id, candidate);
  }
  return labels;
}
