// What started the work in progress: the request (its id) or a background trigger. Work a request
// leaves behind (an outbox event delivered minutes later) records the request id, so the delivery
// log names the request that caused it; background work runs under its own trigger name, so it
// never inherits the id of whichever request happened to schedule it (a flush started by the
// thousandth scan is not that scan's doing).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/** The origin of the current work. */
export interface WorkOrigin {
  requestId?: string;
  trigger?: string;
}

const origin = new AsyncLocalStorage<WorkOrigin>();

/** Every Fastify request runs its hooks and handler with its id as the origin. */
export function installRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    origin.run({ requestId: request.id }, done);
  });
}

/** Runs background work under its own trigger name, detached from any request. */
export function inBackground<T>(trigger: string, work: () => T): T {
  return origin.run({ trigger }, work);
}

/** The id of the request whose work this is, if any. */
export function currentRequestId(): string | null {
  return origin.getStore()?.requestId ?? null;
}
