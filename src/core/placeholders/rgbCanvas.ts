/**
 * A minimal RGB pixel buffer with the three drawing operations the placeholder needs: alpha-blended
 * rectangles, rounded rectangles and bitmap text. Everything is clipped to the canvas.
 */
import { forEachInkCell } from './bitmapFont';

/** An sRGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** RGB pixels, row by row, 3 bytes each: exactly what `encodePng` takes. */
export class RgbCanvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
  }

  /** Blends `color` at `alpha` (0–1) over the rectangle, clipped to the canvas. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb, alpha = 1): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let row = y0; row < y1; row++) this.blendSpan(row, x0, x1, color, alpha);
  }

  /** Like {@link fillRect} with corners rounded by `radius` pixels. */
  fillRoundedRect(x: number, y: number, w: number, h: number, radius: number, color: Rgb, alpha = 1): void {
    const r = Math.max(0, Math.min(radius, w / 2, h / 2));
    const y0 = Math.max(0, Math.round(y));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let row = y0; row < y1; row++) {
      // Distance into the corner zone, measured at the pixel's centre.
      const fromEdge = Math.min(row + 0.5 - y, y + h - (row + 0.5));
      const inset = fromEdge < r ? r - Math.sqrt(Math.max(0, r * r - (r - fromEdge) ** 2)) : 0;
      const x0 = Math.max(0, Math.round(x + inset));
      const x1 = Math.min(this.width, Math.round(x + w - inset));
      this.blendSpan(row, x0, x1, color, alpha);
    }
  }

  /** Draws `text` in the built-in font with its top-left at (`x`, `y`), each font pixel `scale` px square. */
  drawText(text: string, x: number, y: number, scale: number, color: Rgb, alpha = 1): void {
    forEachInkCell(text, Math.round(x), Math.round(y), scale, (cellX, cellY) => this.fillRect(cellX, cellY, scale, scale, color, alpha));
  }

  private blendSpan(row: number, x0: number, x1: number, color: Rgb, alpha: number): void {
    const keep = 1 - alpha;
    const [r, g, b] = [color[0] * alpha, color[1] * alpha, color[2] * alpha];
    for (let i = (row * this.width + x0) * 3, end = (row * this.width + x1) * 3; i < end; i += 3) {
      this.pixels[i] = this.pixels[i]! * keep + r + 0.5;
      this.pixels[i + 1] = this.pixels[i + 1]! * keep + g + 0.5;
      this.pixels[i + 2] = this.pixels[i + 2]! * keep + b + 0.5;
    }
  }
}
