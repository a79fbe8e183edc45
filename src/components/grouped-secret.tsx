/**
 * A password or key shown for reading: groups of four characters set apart by spacing (not by
 * space characters, so a selection copies the exact value), never wrapped inside a group.
 */
export function GroupedSecret({ value, testId, className }: { value: string; testId?: string; className?: string }) {
  const groups = value.match(/.{1,4}/gsu) ?? [];
  return (
    <span className={`mono grouped-secret ${className ?? ''}`} data-testid={testId} data-value-length={value.length}>
      {groups.map((g, i) => (
        <span key={i} className="group">
          {g}
        </span>
      ))}
    </span>
  );
}
