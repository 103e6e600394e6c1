// The front door: synchronous handlers that may answer a raw request before Fastify sees it.
// Fastify's per-request work (request and reply objects, routing, hooks, the reply pipeline) is
// a third of a cached redirect's cost, and a scanned redirect is the one request a QR platform
// serves by the hundred thousand. A front-door handler answers only what it can answer exactly
// like its Fastify route (same status, headers and side effects) and returns false for anything
// else, which then takes the ordinary path. See docs/adr/0011-redirect-front-door.md.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';

/** Answers `request` and returns true, or returns false without touching `response`. */
export type FrontDoorHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Hears each answer: its method, the route pattern its handler stands in for, status and time taken. */
export type FrontDoorObserver = (method: string, route: string, status: number, elapsedMs: number) => void;

// The Fastify options a serverFactory receives that shape the server (Fastify fills in defaults).
interface ServerOptions {
  http?: http.ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/** The handlers tried, in order, before Fastify's router. */
export class FrontDoor {
  private handlers: Array<{ handler: FrontDoorHandler; route: string }> = [];
  private open = true;
  // Timing an answer costs the hot path two clock reads, so only an instance serving metrics does.
  private observer: FrontDoorObserver | null = null;
  /** Requests answered here (they never reach Fastify's hooks, so /metrics reads this). */
  answered = 0;

  /** Adds a handler answering for Fastify's `route` (modules call this while the app is being built). */
  add(handler: FrontDoorHandler, route: string): void {
    this.handlers.push({ handler, route });
  }

  /** Reports every answer to `observer` (the request metrics, where they are served). */
  observe(observer: FrontDoorObserver): void {
    this.observer = observer;
  }

  /** Stops answering: once the app is closing every request goes to Fastify, which answers 503. */
  close(): void {
    this.open = false;
  }

  /** Whether a handler answered. */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    if (!this.open) return false;
    const observer = this.observer;
    const started = observer ? performance.now() : 0;
    for (const { handler, route } of this.handlers) {
      if (handler(request, response)) {
        this.answered++;
        observer?.(request.method ?? 'GET', route, response.statusCode, performance.now() - started);
        return true;
      }
    }
    return false;
  }

  /**
   * A Fastify serverFactory routing through this front door. It builds the HTTP/1 server the way
   * Fastify's own factory does (the same timeouts and limits from the same options).
   */
  serverFactory(): FastifyServerFactory {
    return (fastifyHandler, rawOptions) => {
      const options = rawOptions as ServerOptions;
      const server = http.createServer(options.http ?? {}, (request, response) => {
        if (!this.handle(request, response)) fastifyHandler(request, response);
      });
      if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
      if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
      if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
      if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
      return server;
    };
  }
}
