export interface AggregateReport {
  version: 1;
  epsilon: number;
  features: string[];
  bits: number[];
}

export interface FrequencyEstimate {
  feature: string;
  /** Unbiased estimate of the share of visitors whose value this is. */
  share: number;
  /** 95 % confidence interval. */
  low: number;
  high: number;
  standardError: number;
}

export function decodeReports(reports: readonly AggregateReport[]): FrequencyEstimate[];
