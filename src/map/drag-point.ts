// Dragging a point of the map (issue 14: the isochrone origin, Conveyal-style): a press within
// GRAB_PX of the target takes the drag from the map's pan; each move reports the new position once
// per animation frame; the release reports the last one. Mouse and one-finger touch.
import type { MapMouseEvent, MapTouchEvent, Map as MlMap } from 'maplibre-gl';

/** How near the press must be to the target, in CSS px (a finger needs more than a mouse). */
const GRAB_PX = { mouse: 12, touch: 22 } as const;

export interface DragHandlers {
  /** Where the point is now (null: nothing to drag). */
  target(): [number, number] | null;
  move(lngLat: [number, number]): void;
  end(lngLat: [number, number]): void;
}

export function dragPoint(map: MlMap, h: DragHandlers): () => void {
  let dragging = false;
  let frame = 0;
  let last: [number, number] | null = null;
  const canvas = map.getCanvasContainer();

  const near = (e: MapMouseEvent | MapTouchEvent, px: number) => {
    const t = h.target();
    if (!t) return false;
    const p = map.project(t);
    return Math.hypot(p.x - e.point.x, p.y - e.point.y) <= px;
  };
  const start = (e: MapMouseEvent | MapTouchEvent, px: number) => {
    if (!near(e, px)) return;
    e.preventDefault(); // the map does not pan
    dragging = true;
    canvas.style.cursor = 'grabbing';
  };
  const step = (e: MapMouseEvent | MapTouchEvent) => {
    if (!dragging) return;
    last = [e.lngLat.lng, e.lngLat.lat];
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      if (dragging && last) h.move(last);
    });
  };
  const stop = () => {
    if (!dragging) return;
    dragging = false;
    cancelAnimationFrame(frame);
    frame = 0;
    canvas.style.cursor = '';
    if (last) h.end(last);
    last = null;
  };
  const onMouseDown = (e: MapMouseEvent) => e.originalEvent.button === 0 && start(e, GRAB_PX.mouse);
  const onTouchStart = (e: MapTouchEvent) => e.points.length === 1 && start(e, GRAB_PX.touch);
  const listeners = {
    mousedown: onMouseDown,
    touchstart: onTouchStart,
    mousemove: step,
    touchmove: step,
    mouseup: stop,
    touchend: stop,
    touchcancel: stop,
  } as const;
  // MapLibre's `on` is typed per event name; the table keeps each name beside its handler.
  type Listen = (type: string, fn: (e: MapMouseEvent & MapTouchEvent) => void) => void;
  const each = (f: Listen) => Object.entries(listeners).forEach(([type, fn]) => f(type, fn));
  const on = map.on.bind(map) as unknown as Listen;
  const off = map.off.bind(map) as unknown as Listen;
  each(on);
  return () => {
    stop();
    each(off);
  };
}
