/**
 * A bar chart in plain SVG (no chart library): the online-processing rate of each agency of a level against
 * the level's target line. The picture is for the eye (`role="img"` with a summary in `aria-label`); the
 * table beside it holds the same numbers for everyone else.
 */

export interface KpiBar {
  readonly organId: string;
  readonly name: string;
  /** Percent of the records closed this year that were handled online; null while none was closed. */
  readonly rate: number | null;
  readonly meetsTarget: boolean | null;
}

const percent = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** `72.5` → `72,5 %`; null → `chưa có số liệu`. */
export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? 'chưa có số liệu' : `${percent.format(value)} %`;
}

const WIDTH = 400;
const LEFT = 8;
const PLOT = 316;
const TOP = 30;
const ROW = 48;
const BOTTOM = 26;
const INK = '#1b1f24';
const MUTED = '#4a5563';
const MET = '#0b4f8a';
const MISSED = '#a4161a';

function shortName(name: string): string {
  return name.length > 46 ? `${name.slice(0, 45)}…` : name;
}

export function KpiChart({ levelName, year, target, bars }: { readonly levelName: string; readonly year: number; readonly target: number; readonly bars: readonly KpiBar[] }) {
  const height = TOP + bars.length * ROW + BOTTOM;
  const x = (value: number) => LEFT + (Math.max(0, Math.min(100, value)) / 100) * PLOT;
  const summary = `Biểu đồ cột: tỷ lệ hồ sơ xử lý trực tuyến của từng cơ quan ${levelName.toLowerCase()} năm ${year}, so với mục tiêu ${target} %. ${bars
    .map((bar) => `${bar.name}: ${percentText(bar.rate)}${bar.meetsTarget === null ? '' : bar.meetsTarget ? ', đạt' : ', chưa đạt'}`)
    .join('; ')}.`;
  return (
    <svg className="chart" role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" data-testid="kpi-chart">
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={height - BOTTOM} stroke="#c9d1da" strokeWidth={1} />
          <text x={x(tick)} y={height - 8} fontSize={12} fill={MUTED} textAnchor={tick === 0 ? 'start' : tick === 100 ? 'end' : 'middle'}>
            {tick} %
          </text>
        </g>
      ))}
      {bars.map((bar, index) => {
        const y = TOP + index * ROW;
        return (
          <g key={bar.organId}>
            <text x={LEFT} y={y + 15} fontSize={15} fill={INK}>
              {shortName(bar.name)}
            </text>
            {bar.rate === null ? (
              <text x={LEFT} y={y + 36} fontSize={13} fill={MUTED}>
                chưa có hồ sơ kết thúc
              </text>
            ) : (
              <>
                <rect x={LEFT} y={y + 22} width={Math.max(1, x(bar.rate) - LEFT)} height={18} fill={bar.meetsTarget === false ? MISSED : MET} />
                <text x={x(bar.rate) + 4} y={y + 36} fontSize={13} fill={INK}>
                  {percentText(bar.rate)}
                </text>
              </>
            )}
          </g>
        );
      })}
      <line x1={x(target)} x2={x(target)} y1={TOP - 6} y2={height - BOTTOM} stroke={INK} strokeWidth={2} strokeDasharray="5 3" />
      <text x={x(target)} y={TOP - 10} fontSize={13} fill={INK} textAnchor="end" fontWeight={700}>
        Mục tiêu {target} %
      </text>
    </svg>
  );
}
