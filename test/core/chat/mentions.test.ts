import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';

describeEachDialect('mention resolution', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
    await finch.people.add({ name: 'John Smith', handle: 'john' });
    await finch.people.add({ name: 'Katherine', handle: 'kate', aliases: ['kat'] });
    await finch.people.add({ name: 'Dad' });
    await finch.groups.add({ name: 'Roommates', members: ['john', 'kate'] });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('finds people and groups by handle, name, alias, prefix and typo', async () => {
    const r = await finch.chat.resolveMentions(['john', 'JOHN', 'katherine', 'kat', 'roomm', 'jhon', 'dad', 'zed']);
    expect(r.map((m) => m.match && `${m.match.kind}:${m.match.handle}:${m.match.exact}`)).toEqual([
      'person:john:true',
      'person:john:true',
      'person:kate:true',
      'person:kate:true',
      'group:roommates:false',
      'person:john:false',
      'person:dad:true',
      null,
    ]);
    const group = r[4]!.match!;
    expect(group.kind === 'group' && group.members).toEqual(['john', 'kate']);
  });
});
