/**
 * Delivery statuses reported by the SMS provider, ranked so that a status only ever moves forward:
 * callbacks arrive out of order, and a late "sent" must not overwrite "delivered".
 */
const RANKS: Readonly<Record<string, number>> = {
  accepted: 1, scheduled: 1, queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4, undelivered: 4, failed: 4, canceled: 4,
  read: 5,
};

export const DELIVERY_STATUSES = Object.keys(RANKS);

/** The rank of a status (higher wins), or null for a status this diary does not know. */
export function deliveryRank(status: string): number | null {
  return Object.hasOwn(RANKS, status) ? RANKS[status] : null;
}
