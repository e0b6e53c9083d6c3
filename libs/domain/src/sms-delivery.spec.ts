import { deliveryRank } from './sms-delivery';

describe(deliveryRank.name, () => {
  it.each([
    ['queued', 'sent'],
    ['sending', 'sent'],
    ['sent', 'delivered'],
    ['sent', 'undelivered'],
    ['delivered', 'read'],
  ])('ranks %s below %s', (earlier, later) => {
    expect(deliveryRank(earlier)!).toBeLessThan(deliveryRank(later)!);
  });

  it('does not know made-up or inherited names', () => {
    expect(deliveryRank('teleported')).toBeNull();
    expect(deliveryRank('toString')).toBeNull();
  });
});
