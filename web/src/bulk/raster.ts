// PNG files for the ZIP: the engine's SVG drawn onto a canvas at the chosen width.

/** Rasterises `svg` to a PNG `width` pixels wide (height follows, e.g. with a caption frame). */
export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const ratio = image.naturalHeight && image.naturalWidth ? image.naturalHeight / image.naturalWidth : 1;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = Math.round(width * ratio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images; choose SVG instead.');
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not make a PNG; choose SVG instead.');
  return new Uint8Array(await blob.arrayBuffer());
}
