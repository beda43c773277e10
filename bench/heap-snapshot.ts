import type { CDPSession } from 'playwright-core';

/**
 * Where a page's JS heap is: V8's compiled code (optimised machine code and its metadata, which
 * grows as functions get hot and is not the page's data) apart from everything else.
 */
export interface HeapBreakdown {
  compiledCodeMegabytes: number;
  otherMegabytes: number;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
}

export function breakDownHeap(snapshot: HeapSnapshot): HeapBreakdown {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeField = fields.indexOf('type');
  const sizeField = fields.indexOf('self_size');
  let code = 0;
  let other = 0;
  for (let index = 0; index < snapshot.nodes.length; index += fields.length) {
    const size = snapshot.nodes[index + sizeField]!;
    if (types[snapshot.nodes[index + typeField]!] === 'code') code += size;
    else other += size;
  }
  return { compiledCodeMegabytes: code / 2 ** 20, otherMegabytes: other / 2 ** 20 };
}

/** Takes a heap snapshot of the page (after garbage collection) and breaks it down. */
export async function snapshotHeap(client: CDPSession): Promise<HeapBreakdown> {
  await client.send('HeapProfiler.enable');
  await client.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const collect = (event: { chunk: string }) => chunks.push(event.chunk);
  client.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  client.off('HeapProfiler.addHeapSnapshotChunk', collect);
  await client.send('HeapProfiler.disable');
  return breakDownHeap(JSON.parse(chunks.join('')) as HeapSnapshot);
}
