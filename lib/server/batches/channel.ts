/**
 * A bounded async channel (not a use-case): one producer pushes, one consumer iterates.
 * `push` waits while `highWater` items are queued, so a slow consumer slows the producer
 * instead of filling memory. A consumer that stops early closes the channel, and the
 * producer's next push throws ChannelClosedError; a producer failure reaches the consumer.
 */
export class ChannelClosedError extends Error {
  constructor() {
    super('channel closed by its consumer');
    this.name = 'ChannelClosedError';
  }
}

export interface Channel<T> {
  push(item: T): Promise<void>;
  end(): void;
  fail(error: unknown): void;
  readonly iterable: AsyncIterable<T>;
}

export function channel<T>(highWater = 8): Channel<T> {
  const queue: T[] = [];
  let ended = false;
  let failed: { error: unknown } | null = null;
  let closed = false;
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  const poke = (which: 'consumer' | 'producer') => {
    const w = which === 'consumer' ? wakeConsumer : wakeProducer;
    if (which === 'consumer') wakeConsumer = null;
    else wakeProducer = null;
    w?.();
  };
  return {
    async push(item) {
      if (closed) throw new ChannelClosedError();
      queue.push(item);
      poke('consumer');
      while (queue.length >= highWater && !closed) await new Promise<void>((r) => (wakeProducer = r));
      if (closed) throw new ChannelClosedError();
    },
    end() {
      ended = true;
      poke('consumer');
    },
    fail(error) {
      failed ??= { error };
      ended = true;
      poke('consumer');
    },
    iterable: {
      [Symbol.asyncIterator]: () => ({
        async next(): Promise<IteratorResult<T>> {
          for (;;) {
            if (queue.length) {
              const value = queue.shift()!;
              poke('producer');
              return { value, done: false };
            }
            if (failed) throw failed.error;
            if (ended) return { value: undefined, done: true };
            await new Promise<void>((r) => (wakeConsumer = r));
          }
        },
        async return(): Promise<IteratorResult<T>> {
          closed = true;
          queue.length = 0;
          poke('producer');
          return { value: undefined, done: true };
        },
      }),
    },
  };
}
