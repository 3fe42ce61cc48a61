// A note's drawing over the frame: an SVG in the frame's 0..1 coordinates,
// stretched to the picture, strokes kept at screen width whatever its size.
import { arrowHeadPath, COLOR_HEX, SHAPE_STROKE_WIDTH } from "@/lib/coaching/moments";
import type { Drawing, Shape } from "@/lib/coaching/rules";

export function ShapeView({ shape }: { shape: Shape }) {
  const stroke = COLOR_HEX[shape.color];
  const common = {
    stroke,
    strokeWidth: SHAPE_STROKE_WIDTH,
    fill: "none",
    vectorEffect: "non-scaling-stroke" as const,
    strokeLinecap: "round" as const,
  };
  if (shape.kind === "arrow")
    return (
      <g data-testid="shape-arrow" data-color={shape.color}>
        <path d={`M${shape.from[0]},${shape.from[1]} L${shape.to[0]},${shape.to[1]}`} {...common} />
        <path d={arrowHeadPath(shape.from, shape.to)} {...common} strokeLinejoin="round" />
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
