import DataLoader from 'dataloader';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  Assignment, Citizen, DepartmentWebhook, ExtensionRequest, FollowUp, KnowledgeArticle, ServiceRequest, Staff,
} from '../entities';
import { Role } from '../domain/enums';
import { entityRows } from './entity-rows';
import { usageByArticleId, versionsByArticleId } from './knowledge-loaders';
import { ReferenceSnapshot, TreeName, TreeNodeOf, treeNodesById, treeOf } from './reference-cache';

// One set of DataLoaders per GraphQL request: every relation a list can fetch is batched into one IN (…)
// query, results in key order, null / [] for missing keys (DESIGN.md §8). The queries are plain SQL (entity-rows.ts):
// every answer runs several of them.

const REPEAT_CALLER_WINDOW_DAYS = 30;

function byId<T extends ObjectLiteral & { id: string }>(em: EntityManager, target: EntityTarget<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await entityRows(em, target).where('t', 't.id = ANY($1)', [ids]);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function groupedBy<T extends ObjectLiteral & { id: string }>(em: EntityManager, target: EntityTarget<T>, column: keyof T & string) {
  const key = em.connection.getMetadata(target).findColumnWithPropertyName(column)!.databaseName;
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await entityRows(em, target).where('t', `t."${key}" = ANY($1)`, [keys], 't.id');
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(String(row[column]))?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

// Reference trees come from the process's copy (reference-cache.ts): no query when it is current.
function treeNodeById<K extends TreeName>(em: EntityManager, reference: () => Promise<ReferenceSnapshot>, tree: K) {
  return new DataLoader<string, TreeNodeOf<K> | null>(async (ids) => treeNodesById(em, await reference(), tree, ids));
}

function treeChildren<K extends TreeName>(reference: () => Promise<ReferenceSnapshot>, tree: K) {
  return new DataLoader<string, TreeNodeOf<K>[]>(async (parentIds) => {
    const nodes = treeOf(await reference(), tree);
    return parentIds.map((id) => [...nodes.children(id)]);
  });
}

export interface CitizenStats {
  requestCount: number;
  recentCount30d: number;
}

function citizenStats(em: EntityManager, now: Date) {
  return new DataLoader<string, CitizenStats>(async (ids) => {
    const since = new Date(now.getTime() - REPEAT_CALLER_WINDOW_DAYS * 86_400_000);
    const rows: { citizen_id: string; total: string; recent: string }[] = await em.query(
      `SELECT citizen_id, count(*) AS total, count(*) FILTER (WHERE created_at >= $2) AS recent
       FROM service_request WHERE citizen_id = ANY($1::bigint[]) GROUP BY citizen_id`,
      [ids, since],
    );
    const map = new Map(rows.map((r) => [String(r.citizen_id), { requestCount: Number(r.total), recentCount30d: Number(r.recent) }]));
    return ids.map((id) => map.get(id) ?? { requestCount: 0, recentCount30d: 0 });
  });
}

function liaisonsByDepartment(em: EntityManager) {
  return new DataLoader<string, Staff[]>(async (departmentIds) => {
    const rows = await em
      .getRepository(Staff)
      .createQueryBuilder('s')
      .where('s.department_id IN (:...departmentIds)', { departmentIds })
      .andWhere(':liaison = ANY(s.roles)', { liaison: Role.LIAISON })
      .andWhere('s.active')
      .orderBy('s.username')
      .getMany();
    return departmentIds.map((id) => rows.filter((s) => s.departmentId === id));
  });
}

export function createLoaders(em: EntityManager, now: Date, reference: () => Promise<ReferenceSnapshot>) {
  return {
    staffById: byId(em, Staff),
    departmentById: treeNodeById(em, reference, 'departments'),
    categoryById: treeNodeById(em, reference, 'categories'),
    regionById: treeNodeById(em, reference, 'regions'),
    citizenById: byId(em, Citizen),
    requestById: byId(em, ServiceRequest),
    assignmentById: byId(em, Assignment),
    webhookById: byId(em, DepartmentWebhook),
    assignmentsByRequestId: groupedBy(em, Assignment, 'requestId'),
    extensionsByAssignmentId: groupedBy(em, ExtensionRequest, 'assignmentId'),
    followUpsByRequestId: groupedBy(em, FollowUp, 'requestId'),
    duplicatesByRequestId: groupedBy(em, ServiceRequest, 'mergedIntoId'),
    childrenByDepartmentId: treeChildren(reference, 'departments'),
    childrenByCategoryId: treeChildren(reference, 'categories'),
    childrenByRegionId: treeChildren(reference, 'regions'),
    liaisonsByDepartmentId: liaisonsByDepartment(em),
    citizenStatsById: citizenStats(em, now),
    knowledgeArticleById: byId(em, KnowledgeArticle),
    knowledgeVersionsByArticleId: versionsByArticleId(em),
    knowledgeUsageByArticleId: usageByArticleId(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
