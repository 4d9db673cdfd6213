export interface Found {
  values: string[];
  spans: Array<[number, number]>;
}

const MENTION = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}][\p{L}\p{N}_.'’-]*)/gu;
const TAG = /(^|[^\p{L}\p{N}_#&])#([\p{L}\p{N}_][\p{L}\p{N}_-]*)/gu;

function clean(handle: string): string {
  return handle
    .replace(/['’]s$/i, '') // @dad's → dad
    .replace(/[.'’_-]+$/, '')
    .toLowerCase();
}

/** @mentions in order, without @, lower case, unique; with where they stood. */
export function findMentions(text: string): Found {
  const values: string[] = [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(MENTION)) {
    const v = clean(m[2]!);
    const start = m.index + m[1]!.length;
    spans.push([start, start + 1 + m[2]!.length]);
    if (v && !values.includes(v)) values.push(v);
  }
  return { values, spans };
}

export function findTags(text: string): Found {
  const values: string[] = [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(TAG)) {
    const v = m[2]!.toLowerCase().replace(/[-_]+$/, '');
    const start = m.index + m[1]!.length;
    spans.push([start, start + 1 + m[2]!.length]);
    if (v && !values.includes(v)) values.push(v);
  }
  return { values, spans };
}
