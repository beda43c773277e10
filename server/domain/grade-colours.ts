/**
 * The colours of bands 0 (best) to 4 (worst) — grades A–E on the composite — green to red, as
 * command offices print them; one palette for the map page and the maps in bulletins.
 */

export type Rgb = [number, number, number];

export const BAND_COLOURS: Rgb[] = [[46, 160, 67], [139, 195, 74], [251, 192, 45], [245, 124, 0], [211, 47, 47]];
/** No data, or too small a sample to judge (样本不足). */
export const NO_DATA_COLOUR: Rgb = [158, 158, 158];
