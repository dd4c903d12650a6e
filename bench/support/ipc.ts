// Typed request/answer messages between a benchmark and its child processes (Node IPC).
import type { ChildProcess } from 'node:child_process';

/** A message with a `type` tag. */
export interface Message {
  /** What the message is. */
  readonly type: string;
}

/**
 * The next message of `type` from a child, rejecting when the child exits first or after
 * `timeoutMs` (default 60 s).
 */
export function nextMessage<T extends Message>(child: ChildProcess, type: T['type'], timeoutMs = 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no '${type}' message from the child within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: unknown): void => {
      if ((message as Message | null)?.type === type) done(undefined, message as T);
    };
    const onExit = (code: number | null): void => done(new Error(`the child exited (code ${code}) before its '${type}' message`));
    const done = (error: Error | undefined, message?: T): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as T);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Send a message to a child and wait for its answer of type `answer`. */
export function ask<T extends Message>(child: ChildProcess, message: Message, answer: T['type'], timeoutMs?: number): Promise<T> {
  const reply = nextMessage<T>(child, answer, timeoutMs);
  child.send(message);
  return reply;
}

/** Send a message to the parent process (this process must have been forked with IPC). */
export function tellParent(message: Message): void {
  if (process.send === undefined) throw new Error('not started with an IPC channel: run it through its benchmark');
  process.send(message);
}

/** The next message of `type` from the parent process. */
export function fromParent<T extends Message>(type: T['type']): Promise<T> {
  return new Promise<T>((resolve) => {
    const onMessage = (message: unknown): void => {
      if ((message as Message | null)?.type !== type) return;
      process.off('message', onMessage);
      resolve(message as T);
    };
    process.on('message', onMessage);
  });
}
