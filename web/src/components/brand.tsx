/** Tessera's mark and name. */
export function Brand({ className = '' }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-6">
        <rect width="32" height="32" rx="7" fill="#7c3aed" />
        <g fill="#fff">
          <rect x="7" y="7" width="8" height="8" rx="2" />
          <rect x="17" y="7" width="8" height="8" rx="2" opacity=".55" />
          <rect x="7" y="17" width="8" height="8" rx="2" opacity=".55" />
          <rect x="17" y="17" width="8" height="8" rx="2" />
        </g>
      </svg>
      <span>Tessera</span>
    </span>
  );
}
