// The ballot closer (issue 18): it never waits inside the function. A close that arrives
// before closesAt throws (Lambda's asynchronous retry runs it again later) instead of
// sleeping; the reminder action goes to the reminder; a malformed event is refused.
import { afterEach, describe, expect, it, vi } from 'vitest';

const store = vi.hoisted(() => ({ closeBallot: vi.fn(), remindBallot: vi.fn() }));
vi.mock('../../functions/evote/store', () => store);

const ID = '01JTESTTESTTESTTESTTESTTES';
afterEach(() => {
  vi.useRealTimers();
  store.closeBallot.mockReset();
  store.remindBallot.mockReset();
});

describe('ballot closer', () => {
  it('refuses an event without a valid ballot id, touching nothing', async () => {
    const { handler } = await import('../../functions/evote/closer');
    for (const event of [{}, { ballotId: 'SEEDBALLOT' }, { ballotId: ID, action: 'explode' }, null]) {
      await expect(handler(event)).resolves.toMatchObject({ status: 'invalid' });
    }
    expect(store.closeBallot).not.toHaveBeenCalled();
  });

  it('throws for a close that came early instead of sleeping (fake timers: a sleep would never end)', async () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T09:59:30Z') });
    store.closeBallot.mockResolvedValue({ id: ID, status: 'open', closesAt: '2030-01-01T10:00:00Z' });
    const { handler, EarlyClose } = await import('../../functions/evote/closer');
    await expect(handler({ ballotId: ID })).rejects.toBeInstanceOf(EarlyClose);
    expect(store.closeBallot).toHaveBeenCalledTimes(1);
    expect(store.closeBallot.mock.calls[0][1]).toBe('schedule');
  });

  it('closes a due ballot once, and leaves an already closed one as it is', async () => {
    store.closeBallot.mockResolvedValue({ id: ID, status: 'closed', closesAt: '2020-01-01T10:00:00Z' });
    const { handler } = await import('../../functions/evote/closer');
    await expect(handler({ ballotId: ID })).resolves.toEqual({ ballotId: ID, status: 'closed' });
    await expect(handler({ ballotId: ID, action: 'close' })).resolves.toEqual({ ballotId: ID, status: 'closed' });
  });

  it('sends the reminder for action "remind"', async () => {
    store.remindBallot.mockResolvedValue({ ballot: { id: ID, status: 'open' }, reminded: 3 });
    const { handler } = await import('../../functions/evote/closer');
    await expect(handler({ ballotId: ID, action: 'remind' })).resolves.toEqual({ ballotId: ID, status: 'open', reminded: 3 });
    expect(store.closeBallot).not.toHaveBeenCalled();
  });
});
