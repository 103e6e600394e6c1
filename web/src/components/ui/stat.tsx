// One figure of a report (scans, tickets inside): its name, the number, and what it counts.
// Inside a <dl>.
import { Card } from './misc.tsx';

export function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Card className="p-4">
      <dt className="text-[13px] text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="tabular mt-1 text-2xl font-semibold tracking-tight">{value}</dd>
      <dd className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{hint}</dd>
    </Card>
  );
}
