// A note's drawing over the frame: an SVG in the frame's 0..1 coordinates,
// stretched to the picture, strokes kept at screen width whatever its size.
import { COLOR_HEX } from "@/lib/coaching/moments";
import type { Drawing, Shape } from "@/lib/coaching/rules";

/** The arrow's head: two short strokes back from the tip, in frame coordinates. */
function arrowHead(from: [number, number], to: [number, number]): string {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const len = Math.hypot(dx, dy) || 1;
  const size = Math.min(0.04, len / 2);
  const [ux, uy] = [dx / len, dy / len];
  const wing = (sign: number) => [to[0] - size * (ux * 0.87 - sign * uy * 0.5), to[1] - size * (uy * 0.87 + sign * ux * 0.5)];
  const [a, b] = [wing(1), wing(-1)];
  return `M${a[0]},${a[1]} L${to[0]},${to[1]} L${b[0]},${b[1]}`;
}

export function ShapeView({ shape }: { shape: Shape }) {
  const stroke = COLOR_HEX[shape.color];
  const common = { stroke, strokeWidth: 4, fill: "none", vectorEffect: "non-scaling-stroke" as const, strokeLinecap: "round" as const };
  if (shape.kind === "arrow")
    return (
      <g data-testid="shape-arrow" data-color={shape.color}>
        <path d={`M${shape.from[0]},${shape.from[1]} L${shape.to[0]},${shape.to[1]}`} {...common} />
        <path d={arrowHead(shape.from, shape.to)} {...common} strokeLinejoin="round" />
      </g>
    );
  if (shape.kind === "circle")
    return (
      <ellipse
        data-testid="shape-circle"
        data-color={shape.color}
        cx={shape.center[0]}
        cy={shape.center[1]}
        rx={shape.radius[0]}
        ry={shape.radius[1]}
        {...common}
      />
    );
  return (
    <polyline
      data-testid="shape-line"
      data-color={shape.color}
      points={shape.points.map((p) => p.join(",")).join(" ")}
      {...common}
      strokeLinejoin="round"
    />
  );
}

export function DrawingView({ drawing, testId = "note-drawing" }: { drawing: Drawing; testId?: string }) {
  return (
    <svg
      data-testid={testId}
      viewBox="0 0 1 1"
      preserveAspectRatio="none"
      aria-hidden="true"
      className="pointer-events-none absolute inset-0 h-full w-full"
    >
      {drawing.shapes.map((s, i) => (
        <ShapeView key={i} shape={s} />
      ))}
    </svg>
  );
}
