import { theme } from 'antd';

export type Bar = { key: string; label: string; count: number };

/** Share of `total` as "12.3%" (one decimal; "0%" when nothing is counted). */
export function percent(count: number, total: number) {
  return total > 0 ? `${((count / total) * 100).toFixed(1)}%` : '0%';
}

/**
 * A horizontal bar chart in plain HTML: one row per group with its label, a bar scaled to the largest
 * group, the count and its share of the total. Long labels take two lines at most (full text on hover).
 */
export function BarChart({ bars, total, testId }: { bars: Bar[]; total: number; testId?: string }) {
  const { token } = theme.useToken();
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <ul
      data-testid={testId}
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'grid',
        // The label column fits the longest label, up to 40% of the width.
        gridTemplateColumns: 'fit-content(40%) minmax(48px, 1fr) auto',
        alignItems: 'center',
        columnGap: 12,
        rowGap: 10,
        fontSize: 13,
      }}
    >
      {bars.map((b) => (
        <li key={b.key} style={{ display: 'contents' }}>
          <span
            title={b.label}
            style={{
              display: '-webkit-box',
              WebkitBoxOrient: 'vertical',
              WebkitLineClamp: 2,
              overflow: 'hidden',
              wordBreak: 'break-all',
              lineHeight: 1.35,
              textAlign: 'right',
              color: token.colorText,
            }}
          >
            {b.label}
          </span>
          <span style={{ height: 16, borderRadius: 4, background: token.colorFillTertiary, overflow: 'hidden' }}>
            <span
              style={{
                display: 'block',
                height: '100%',
                width: `${(b.count / max) * 100}%`,
                minWidth: b.count > 0 ? 3 : 0,
                borderRadius: 4,
                background: `linear-gradient(90deg, ${token.colorPrimaryBorder}, ${token.colorPrimary})`,
              }}
            />
          </span>
          <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', textAlign: 'right' }}>
            <strong>{b.count}</strong>
            <span style={{ color: token.colorTextSecondary, marginInlineStart: 6, display: 'inline-block', minWidth: 46 }}>{percent(b.count, total)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
