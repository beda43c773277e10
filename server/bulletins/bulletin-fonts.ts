import { resolve } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * The fonts that ship in data/fonts (see its README), and the one way drawings are rendered with
 * them: a bulletin never depends on what fonts the server's machine happens to have.
 */

const FONT_DIRECTORY = resolve(import.meta.dirname, '../../data/fonts');

export const FONT_FILES = {
  /** Bold serif, for the 小标宋 of titles. */
  title: resolve(FONT_DIRECTORY, 'NotoSerifSC-Bold.otf'),
  /** Serif, for the 仿宋 of the body. */
  body: resolve(FONT_DIRECTORY, 'NotoSerifSC-Regular.otf'),
  /** Bold sans, for the 黑体 of headings, and for maps and tiles. */
  heading: resolve(FONT_DIRECTORY, 'NotoSansSC-Bold.otf'),
} as const;

/** The family drawings name in their SVG. */
export const DRAWING_FONT_FAMILY = 'Noto Sans SC';

/** An SVG drawing rendered by resvg with the bundled sans font only. */
export const renderDrawing = (svg: string, fitTo?: ResvgRenderOptions['fitTo']) => new Resvg(svg, {
  ...(fitTo ? { fitTo } : {}),
  font: { fontFiles: [FONT_FILES.heading], loadSystemFonts: false, defaultFontFamily: DRAWING_FONT_FAMILY },
}).render();
