// The process renderPng draws a PNG in when the SVG carries an SVG logo (png.ts says why): reads
// the SVG on stdin, writes the PNG on stdout, exits 0; the density is the one argument. Nothing
// else: the parent kills it when it takes too long, which is the point of it being a process.
import { rasterise } from './rasterise.ts';

const density = Number(process.argv[2]);
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
process.stdout.write(await rasterise(Buffer.concat(chunks).toString('utf8'), density));
