import type { CDPSession } from 'playwright-core';

/**
 * Where a page's heap is, from a heap snapshot: the page's JavaScript objects; the browser's own
 * objects behind them (DOM, canvases, text caches); V8's compiled code, which grows as functions
 * get hot and is not the page's data; and the network records DevTools keeps for the benchmark's
 * connection, which a wall's browser without DevTools attached does not have.
 */
export interface HeapBreakdown {
  javaScriptObjectsMegabytes: number;
  browserObjectsMegabytes: number;
  compiledCodeMegabytes: number;
  devToolsRecordsMegabytes: number;
}

export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

const DEVTOOLS_NETWORK_RECORD = 'blink::NetworkResourcesData';

export function breakDownHeap(snapshot: HeapSnapshot): HeapBreakdown {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeField = fields.indexOf('type');
  const nameField = fields.indexOf('name');
  const sizeField = fields.indexOf('self_size');
  const bytes = { javaScriptObjects: 0, browserObjects: 0, compiledCode: 0, devToolsRecords: 0 };
  for (let index = 0; index < snapshot.nodes.length; index += fields.length) {
    const size = snapshot.nodes[index + sizeField]!;
    const type = types[snapshot.nodes[index + typeField]!];
    if (type === 'code') bytes.compiledCode += size;
    else if (type !== 'native') bytes.javaScriptObjects += size;
    else if (snapshot.strings[snapshot.nodes[index + nameField]!]!.startsWith(DEVTOOLS_NETWORK_RECORD)) bytes.devToolsRecords += size;
    else bytes.browserObjects += size;
  }
  const megabytes = (value: number) => value / 2 ** 20;
  return {
    javaScriptObjectsMegabytes: megabytes(bytes.javaScriptObjects),
    browserObjectsMegabytes: megabytes(bytes.browserObjects),
    compiledCodeMegabytes: megabytes(bytes.compiledCode),
    devToolsRecordsMegabytes: megabytes(bytes.devToolsRecords),
  };
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
