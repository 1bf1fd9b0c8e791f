/** Budget and funding plan: totals and co-funding rates (pure). */

export interface BudgetLine {
  label: string;
  amount: number;
}
export type FundingStatus = 'planned' | 'requested' | 'obtained' | 'refused';
export interface FundingLine {
  source: string;
  programmeId?: string | null;
  requested: number;
  obtained: number | null;
  status: FundingStatus;
}

export interface FundingSummary {
  budgetTotal: number;
  requestedTotal: number;
  obtainedTotal: number;
  /** Budget not yet covered by obtained funding (never negative). */
  remaining: number;
  /** Share of the budget covered by obtained funding, in percent (null without a budget). */
  coveredPercent: number | null;
  /** Per line: share of the budget it covers (obtained, else requested unless refused). */
  lines: { source: string; status: FundingStatus; amount: number; ratePercent: number | null }[];
}

const cents = (n: number) => Math.round(n * 100) / 100;
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export function summarise(budget: BudgetLine[], funding: FundingLine[]): FundingSummary {
  const budgetTotal = cents(budget.reduce((s, l) => s + l.amount, 0));
  const live = funding.filter((f) => f.status !== 'refused');
  const requestedTotal = cents(live.reduce((s, f) => s + f.requested, 0));
  const obtainedTotal = cents(
    funding.filter((f) => f.status === 'obtained').reduce((s, f) => s + (f.obtained ?? 0), 0),
  );
  return {
    budgetTotal,
    requestedTotal,
    obtainedTotal,
    remaining: cents(Math.max(0, budgetTotal - obtainedTotal)),
    coveredPercent: pct(obtainedTotal, budgetTotal),
    lines: funding.map((f) => {
      const amount = f.status === 'obtained' ? (f.obtained ?? 0) : f.status === 'refused' ? 0 : f.requested;
      return { source: f.source, status: f.status, amount, ratePercent: pct(amount, budgetTotal) };
    }),
  };
}
