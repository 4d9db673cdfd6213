import { newId, parseJson, type Ctx, type Database } from '../db/index.js';
import { conflict, invalid, notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';

export interface Person {
  id: string;
  name: string;
  handle: string;
  aliases: string[];
  email: string | null;
}

export interface Group {
  id: string;
  name: string;
  handle: string;
  members: Person[];
}

/** "@John Smith" → "john_smith": the form a person types after @. */
export function toHandle(text: string): string {
  const h = text
    .trim()
    .replace(/^@/, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/^[_.-]+|[_.-]+$/g, '');
  if (!h || h.length > 40) throw invalid(`invalid name "${text}" for a person or group`);
  if (h === 'me') throw invalid(`"me" is you; pick another name`);
  return h;
}

function toPerson(r: Database['people']): Person {
  return { id: r.id, name: r.name, handle: r.handle, aliases: parseJson<string[]>(r.aliases_json, []), email: r.email };
}

export async function listPeople(ctx: Ctx): Promise<Person[]> {
  const rows = await ctx.db.selectFrom('people').selectAll().where('user_id', '=', ctx.userId).orderBy('handle').execute();
  return rows.map(toPerson);
}

export async function findPerson(ctx: Ctx, handleOrId: string): Promise<Person | undefined> {
  const key = handleOrId.trim().replace(/^@/, '');
  let handle: string;
  try {
    handle = toHandle(key);
  } catch {
    return undefined;
  }
  const row = await ctx.db
    .selectFrom('people')
    .selectAll()
    .where('user_id', '=', ctx.userId)
    .where((eb) => eb.or([eb('id', '=', key), eb('handle', '=', handle)]))
    .executeTakeFirst();
  return row ? toPerson(row) : undefined;
}

/** By handle or id, else by a name or alias they go by (e.g. `group add flat Katie` for @kate). */
export async function getPerson(ctx: Ctx, handleOrId: string): Promise<Person> {
  const p = (await findPerson(ctx, handleOrId)) ?? (await findPersonByName(ctx, handleOrId));
  if (!p) throw notFound(`unknown person "${handleOrId}"`, 'person');
  return p;
}

async function findPersonByName(ctx: Ctx, text: string): Promise<Person | undefined> {
  const key = text.trim().replace(/^@/, '').toLowerCase();
  if (!key) return undefined;
  const matches = (await listPeople(ctx)).filter((p) => p.name.toLowerCase() === key || p.aliases.some((a) => a.toLowerCase() === key));
  if (matches.length > 1) throw invalid(`"${text}" could be ${matches.map((m) => `@${m.handle}`).join(' or ')}; use the handle`);
  return matches[0];
}

export interface NewPerson {
  name: string;
  handle?: string;
  aliases?: string[];
  email?: string;
}

export async function addPerson(ctx: Ctx, input: NewPerson): Promise<Person> {
  const name = input.name.trim().replace(/^@/, '');
  if (!name || /[\u0000-\u001f]/.test(name)) throw invalid(`invalid person name "${input.name}"`);
  const handle = toHandle(input.handle ?? name);
  if (await findPerson(ctx, handle)) throw conflict(`a person @${handle} already exists`);
  if (await findGroup(ctx, handle)) throw conflict(`a group @${handle} already exists`);
  const row = {
    id: newId(),
    user_id: ctx.userId,
    name,
    handle,
    aliases_json: JSON.stringify((input.aliases ?? []).map((a) => a.trim()).filter(Boolean)),
    email: input.email?.trim() || null,
    created_at: nowIso(),
  };
  await ctx.db.insertInto('people').values(row).execute();
  return toPerson(row);
}

export async function findGroup(ctx: Ctx, handleOrId: string): Promise<Group | undefined> {
  const key = handleOrId.trim().replace(/^@/, '');
  let handle: string;
  try {
    handle = toHandle(key);
  } catch {
    return undefined;
  }
  const row = await ctx.db
    .selectFrom('groups')
    .selectAll()
    .where('user_id', '=', ctx.userId)
    .where((eb) => eb.or([eb('id', '=', key), eb('handle', '=', handle)]))
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, name: row.name, handle: row.handle, members: await groupMembers(ctx, row.id) };
}

export async function getGroup(ctx: Ctx, handleOrId: string): Promise<Group> {
  const g = await findGroup(ctx, handleOrId);
  if (!g) throw notFound(`unknown group "${handleOrId}"`, 'group');
  return g;
}

async function groupMembers(ctx: Ctx, groupId: string): Promise<Person[]> {
  const rows = await ctx.db
    .selectFrom('group_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('p')
    .where('m.group_id', '=', groupId)
    .where('m.user_id', '=', ctx.userId)
    .orderBy('p.handle')
    .execute();
  return rows.map(toPerson);
}

export async function listGroups(ctx: Ctx): Promise<Group[]> {
  const rows = await ctx.db.selectFrom('groups').selectAll().where('user_id', '=', ctx.userId).orderBy('handle').execute();
  return Promise.all(rows.map(async (r) => ({ id: r.id, name: r.name, handle: r.handle, members: await groupMembers(ctx, r.id) })));
}

export interface NewGroup {
  name: string;
  handle?: string;
  /** Handles of existing people; you are always a member. */
  members: string[];
}

export async function addGroup(ctx: Ctx, input: NewGroup): Promise<Group> {
  const name = input.name.trim().replace(/^@/, '');
  if (!name) throw invalid('a group needs a name');
  const handle = toHandle(input.handle ?? name);
  if (await findGroup(ctx, handle)) throw conflict(`a group @${handle} already exists`);
  if (await findPerson(ctx, handle)) throw conflict(`a person @${handle} already exists`);
  const members = await Promise.all(input.members.filter((m) => m.replace(/^@/, '').toLowerCase() !== 'me').map((m) => getPerson(ctx, m)));
  const id = newId();
  await ctx.db.insertInto('groups').values({ id, user_id: ctx.userId, name, handle, created_at: nowIso() }).execute();
  const unique = [...new Map(members.map((m) => [m.id, m])).values()];
  if (unique.length > 0) {
    await ctx.db
      .insertInto('group_members')
      .values(unique.map((m) => ({ group_id: id, person_id: m.id, user_id: ctx.userId })))
      .execute();
  }
  return getGroup(ctx, id);
}

export async function addGroupMembers(ctx: Ctx, group: string, handles: string[]): Promise<Group> {
  const g = await getGroup(ctx, group);
  const people = await Promise.all(handles.map((h) => getPerson(ctx, h)));
  const have = new Set(g.members.map((m) => m.id));
  const fresh = people.filter((p) => !have.has(p.id));
  if (fresh.length) {
    await ctx.db.insertInto('group_members').values(fresh.map((p) => ({ group_id: g.id, person_id: p.id, user_id: ctx.userId }))).execute();
  }
  return getGroup(ctx, g.id);
}
