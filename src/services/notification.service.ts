import { Notification } from '../entities';
import { notFound } from '../domain/errors';
import { keysetPage } from './keyset-cursor';
import { Page, PageRequest } from './page';
import { ServiceContext } from './service-context';
import { entityFilter } from './sql-params';

const ID = /^[1-9][0-9]{0,17}$/;

/** The actor's own notifications, newest first; nobody reads anyone else's. */
export async function listNotifications(ctx: ServiceContext, filter: { unreadOnly?: boolean | null }, page: PageRequest): Promise<Page<Notification>> {
  const f = entityFilter('n');
  f.where.push(`n.recipient_id = ${f.params.add(ctx.actor.staffId)}`);
  if (filter.unreadOnly) f.where.push('n.read_at IS NULL');
  return keysetPage(ctx.em, Notification, f, page, { sortColumn: null, idColumn: 'n.id', direction: 'DESC' });
}

/** Marks one of the actor's notifications read; reading it again keeps the first time. Others' ids: NOT_FOUND. */
export async function markNotificationRead(ctx: ServiceContext, id: string): Promise<Notification> {
  if (!ID.test(id)) throw notFound('notification');
  const repo = ctx.em.getRepository(Notification);
  await repo.createQueryBuilder().update().set({ readAt: ctx.now })
    .where('id = :id AND recipient_id = :me AND read_at IS NULL', { id, me: ctx.actor.staffId }).execute();
  const notification = await repo.findOneBy({ id, recipientId: ctx.actor.staffId });
  if (!notification) throw notFound('notification');
  return notification;
}

/** node(id:) for notifications: the recipient only. */
export async function findNotification(ctx: ServiceContext, id: string): Promise<Notification | null> {
  return ID.test(id) ? ctx.em.getRepository(Notification).findOneBy({ id, recipientId: ctx.actor.staffId }) : null;
}
