// One line over the campaign list: how much the account's codes were scanned lately. Nothing
// until there is something to say (a new account sees its empty state, not a row of zeros).
import { useQuery } from '@tanstack/react-query';
import { overviewQuery } from '../api/analytics.ts';
import { formatCount } from '../lib/dates.ts';

export function AccountScans() {
  const overview = useQuery(overviewQuery());
  if (!overview.data || overview.data.total_scans === 0) return null;
  const { scans_today, scans_last_7_days, scans_last_30_days } = overview.data;
  const figures: Array<[number, string]> = [
    [scans_today, 'today'],
    [scans_last_7_days, 'in the last 7 days'],
    [scans_last_30_days, 'in the last 30 days'],
  ];
  return (
    <p className="-mt-3 mb-5 text-[13px] text-zinc-600 dark:text-zinc-400" data-testid="account-scans">
      <span className="font-medium text-zinc-800 dark:text-zinc-200">Scans of all your codes:</span>{' '}
      {figures.map(([n, when], i) => (
        <span key={when}>
          {i > 0 && ' · '}
          <span className="tabular font-medium text-zinc-900 dark:text-zinc-100">{formatCount(n)}</span> {when}
        </span>
      ))}
    </p>
  );
}
