// Windowing for a scrolled list of fixed-height rows: which rows to render for the part in view,
// and scrolling a row into it. The host renders rows [first, last) between two spacer rows.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface WindowOptions {
  rowHeight: number;
  /** Rows rendered beyond each edge of the view, so a quick scroll shows no blank. */
  overscan?: number;
  /** Height the view has before the first layout. */
  initialViewport?: number;
}

export class WindowController implements ReactiveController {
  readonly rowHeight: number;
  private readonly _overscan: number;
  private _top = 0;
  private _viewport: number;
  private _raf = 0;
  private _scroller?: HTMLElement;

  constructor(
    private readonly _host: ReactiveControllerHost,
    { rowHeight, overscan = 6, initialViewport = 600 }: WindowOptions,
  ) {
    this.rowHeight = rowHeight;
    this._overscan = overscan;
    this._viewport = initialViewport;
    _host.addController(this);
  }

  /** The scrolled element, once rendered: its height becomes the view's. */
  attach(scroller: HTMLElement) {
    this._scroller = scroller;
    this._viewport = scroller.clientHeight || this._viewport;
    this._host.requestUpdate();
  }

  /** The scroller's `scroll` listener: one update per frame at most. */
  readonly onScroll = () => {
    cancelAnimationFrame(this._raf);
    this._raf = requestAnimationFrame(() => {
      if (!this._scroller) return;
      this._top = this._scroller.scrollTop;
      this._viewport = this._scroller.clientHeight;
      this._host.requestUpdate();
    });
  };

  /** The rows to render out of `count`: [first, last). */
  range(count: number): { first: number; last: number } {
    const h = this.rowHeight;
    return {
      first: Math.max(0, Math.floor(this._top / h) - this._overscan),
      last: Math.min(count, Math.ceil((this._top + this._viewport) / h) + this._overscan),
    };
  }

  /** Scrolls so that `row` is in view between a sticky header and footer of the given heights. */
  reveal(row: number, header = 0, footer = 0) {
    const s = this._scroller;
    if (!s) return;
    const y = row * this.rowHeight;
    if (y < s.scrollTop) s.scrollTop = y;
    else if (y + this.rowHeight > s.scrollTop + s.clientHeight - header - footer)
      s.scrollTop = y + this.rowHeight - s.clientHeight + header + footer;
    this._top = s.scrollTop;
    this._host.requestUpdate();
  }

  hostDisconnected() {
    cancelAnimationFrame(this._raf);
  }
}
