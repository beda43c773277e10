import { describe, expect, it } from 'vitest';
import { breakDownHeap, type HeapSnapshot } from '../../bench/heap-snapshot.ts';

const MEGABYTE = 2 ** 20;

/** A snapshot in V8's format: nodes flattened as [type, name, self_size] per node. */
function snapshotOf(nodes: Array<[type: string, name: string, bytes: number]>): HeapSnapshot {
  const types = ['hidden', 'object', 'string', 'code', 'native', 'closure'];
  const strings = [...new Set(nodes.map(([, name]) => name))];
  return {
    snapshot: { meta: { node_fields: ['type', 'name', 'self_size'], node_types: [types] } },
    nodes: nodes.flatMap(([type, name, bytes]) => [types.indexOf(type), strings.indexOf(name), bytes]),
    strings,
  };
}

describe('breaking a heap snapshot down', () => {
  it('puts each node under the page, the browser, compiled code or DevTools by its type and name', () => {
    const breakdown = breakDownHeap(snapshotOf([
      ['object', 'Object', 2 * MEGABYTE],
      ['string', '红黑榜', MEGABYTE],
      ['closure', 'refresh', MEGABYTE],
      ['native', 'HTMLDivElement', 3 * MEGABYTE],
      ['native', 'blink::PlainTextNode', MEGABYTE],
      ['code', '(optimized code)', 5 * MEGABYTE],
      ['native', 'blink::NetworkResourcesData::ResourceData', 0.5 * MEGABYTE],
      ['native', 'blink::NetworkResourcesData', 0.25 * MEGABYTE],
    ]));
    expect(breakdown).toEqual({
      javaScriptObjectsMegabytes: 4,
      browserObjectsMegabytes: 4,
      compiledCodeMegabytes: 5,
      devToolsRecordsMegabytes: 0.75,
    });
  });

  it('reads an empty snapshot as nothing anywhere', () => {
    expect(breakDownHeap(snapshotOf([]))).toEqual({
      javaScriptObjectsMegabytes: 0, browserObjectsMegabytes: 0, compiledCodeMegabytes: 0, devToolsRecordsMegabytes: 0,
    });
  });
});
