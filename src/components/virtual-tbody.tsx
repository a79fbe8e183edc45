import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode } from 'react';

/** Lists up to this long are rendered whole. */
export const WHOLE_BELOW = 200;

/**
 * A table body that renders only the rows in (and near) view, with spacer rows above and below so
 * the scroll height stays right: 10,000 rows cost a few dozen DOM rows. Rows are measured as they
 * render (text wraps), `estimate` is the height before that. A list of up to 200 rows renders whole.
 */
export function VirtualTbody<T>({
  rows,
  scrollElement,
  estimate,
  columns,
  rowKey,
  renderRow,
}: {
  rows: readonly T[];
  /** The scrolling container, as state (a callback ref): a ref object is attached only after this body's effects run. */
  scrollElement: HTMLElement | null;
  estimate: number;
  columns: number;
  rowKey: (row: T) => string;
  /** Must put `ref` and `data-index` on the <tr> it returns (for measuring). */
  renderRow: (row: T, props: { ref: (el: Element | null) => void; 'data-index': number }) => ReactNode;
}) {
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself; nothing here is memoized
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => estimate,
    getItemKey: (i) => rowKey(rows[i] as T),
    overscan: 12,
  });
  // A short list renders whole: nothing moves under the pointer, and the browser's own find and scroll work.
  if (rows.length <= WHOLE_BELOW) return <tbody>{rows.map((r, i) => renderRow(r, { ref: () => undefined, 'data-index': i }))}</tbody>;
  const items = v.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = Math.max(0, v.getTotalSize() - (items.at(-1)?.end ?? 0));
  const pad = (h: number, key: string) => (
    <tr key={key} className="virtual-pad" aria-hidden="true" style={{ height: h }}>
      <td colSpan={columns} />
    </tr>
  );
  return (
    <tbody>
      {top > 0 && pad(top, 'pad-top')}
      {items.map((i) => renderRow(rows[i.index] as T, { ref: v.measureElement, 'data-index': i.index }))}
      {bottom > 0 && pad(bottom, 'pad-bottom')}
    </tbody>
  );
}
