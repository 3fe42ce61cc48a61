"use client";
// Drawing on the paused frame: arrow (drag from tail to tip), circle (drag from
// centre outwards), freehand line. Pointer events, so a finger on a tablet works
// like a mouse. Keyboard: arrow keys move a cross-hair (Shift = bigger steps),
// Enter starts/ends a shape (each Enter adds a point to a line), Escape ends a line.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MAX_LINE_POINTS, type NoteColor, type Shape } from "@/lib/coaching/rules";
import { ShapeView } from "./drawing-view";

export type Tool = "arrow" | "circle" | "line";
type Pt = [number, number];

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

/** A shape from a start and end point; null when too small to be meant. `box` converts to pixels for a round circle. */
function shapeFrom(tool: Tool, color: NoteColor, points: Pt[], box: { width: number; height: number }): Shape | null {
  const [a, b] = [points[0], points.at(-1)!];
  if (tool === "line") return points.length >= 2 ? { kind: "line", color, points } : null;
  const px = Math.hypot((b[0] - a[0]) * box.width, (b[1] - a[1]) * box.height);
  if (px < 6) return null;
  if (tool === "arrow") return { kind: "arrow", color, from: a, to: b };
  const r = (size: number) => Math.min(1, Math.max(0.005, round(px / size)));
  return { kind: "circle", color, center: a, radius: [r(box.width), r(box.height)] };
}

export function DrawingEditor({
  tool,
  color,
  shapes,
  onAdd,
}: {
  tool: Tool | null;
  color: NoteColor;
  shapes: Shape[];
  onAdd: (shape: Shape) => void;
}) {
  const t = useTranslations("drawingEditor");
  const [draft, setDraft] = useState<Pt[] | null>(null);
  const [cursor, setCursor] = useState<Pt>([0.5, 0.5]);
  const [focused, setFocused] = useState(false);
  // The surface's size when the shape began: a circle is round in pixels, not in frame fractions.
  const [box, setBox] = useState({ width: 16, height: 9 });
  const begin = (el: HTMLElement, p: Pt) => {
    const r = el.getBoundingClientRect();
    setBox({ width: r.width || 16, height: r.height || 9 });
    setDraft([p]);
  };

  const at = (e: React.PointerEvent<HTMLDivElement>): Pt => {
    const r = e.currentTarget.getBoundingClientRect();
    return [round((e.clientX - r.left) / r.width), round((e.clientY - r.top) / r.height)];
  };
  const finish = (points: Pt[]) => {
    setDraft(null);
    if (!tool) return;
    const shape = shapeFrom(tool, color, points, box);
    if (shape) onAdd(shape);
  };

  const preview = draft && tool ? shapeFrom(tool, color, draft, box) : null;

  return (
    <div
      data-testid="drawing-surface"
      role="application"
      aria-label={tool ? t("label", { tool }) : t("noTool")}
      tabIndex={tool ? 0 : -1}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      className={`absolute left-0 top-0 aspect-video w-full touch-none rounded-xl ${tool ? "cursor-crosshair ring-2 ring-brand" : "pointer-events-none"}`}
      onPointerDown={(e) => {
        if (!tool) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        begin(e.currentTarget, at(e));
      }}
      onPointerMove={(e) => {
        if (!draft || !tool) return;
        const p = at(e);
        if (tool === "line") {
          const last = draft.at(-1)!;
          if (draft.length < MAX_LINE_POINTS && Math.hypot(p[0] - last[0], p[1] - last[1]) > 0.004) setDraft([...draft, p]);
        } else setDraft([draft[0], p]);
      }}
      onPointerUp={(e) => {
        if (!draft) return;
        finish(tool === "line" ? draft : [draft[0], at(e)]);
      }}
      onPointerCancel={() => setDraft(null)}
      onKeyDown={(e) => {
        if (!tool) return;
        const step = e.shiftKey ? 0.1 : 0.02;
        const move: Record<string, Pt> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
        if (move[e.key]) {
          e.preventDefault();
          const next: Pt = [round(cursor[0] + move[e.key][0]), round(cursor[1] + move[e.key][1])];
          setCursor(next);
          if (draft && tool !== "line") setDraft([draft[0], next]);
        } else if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          if (!draft) begin(e.currentTarget, cursor);
          else if (tool === "line") setDraft(draft.length < MAX_LINE_POINTS ? [...draft, cursor] : draft);
          else finish([draft[0], cursor]);
        } else if (e.key === "Escape" && draft) {
          e.preventDefault();
          if (tool === "line") finish(draft);
          else setDraft(null);
        }
      }}
    >
      <svg viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true" className="pointer-events-none absolute inset-0 h-full w-full">
        {shapes.map((s, i) => (
          <ShapeView key={i} shape={s} />
        ))}
        {preview && <ShapeView shape={preview} />}
        {tool && focused && (
          <g data-testid="drawing-cursor">
            <path
              d={`M${cursor[0] - 0.02},${cursor[1]} L${cursor[0] + 0.02},${cursor[1]} M${cursor[0]},${cursor[1] - 0.035} L${cursor[0]},${cursor[1] + 0.035}`}
              stroke="#fff"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            />
          </g>
        )}
      </svg>
    </div>
  );
}
