import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect, it } from 'vitest';
import { FrontDoor } from '../../src/http/front-door.ts';

const request = {} as IncomingMessage;
const response = {} as ServerResponse;

it('tries handlers in order until one answers, and none once closed', () => {
  const calls: string[] = [];
  const door = new FrontDoor();
  door.add(() => (calls.push('a'), false), '/a');
  door.add(() => (calls.push('b'), true), '/b');
  door.add(() => (calls.push('c'), true), '/c');
  expect(door.handle(request, response)).toBe(true);
  expect(calls).toEqual(['a', 'b']);
  door.close();
  expect(door.handle(request, response)).toBe(false);
  expect(calls).toEqual(['a', 'b']);
});

it('answers nothing without handlers', () => {
  expect(new FrontDoor().handle(request, response)).toBe(false);
});

it('reports each answer under the route its handler stands in for, and nothing it did not answer', () => {
  const door = new FrontDoor();
  const seen: unknown[] = [];
  door.add((req) => req.url === '/x', '/:code');
  door.observe((method, route, status, elapsedMs) => seen.push({ method, route, status, timed: elapsedMs >= 0 }));
  expect(door.handle({ method: 'GET', url: '/x' } as IncomingMessage, { statusCode: 302 } as ServerResponse)).toBe(true);
  expect(door.handle({ method: 'GET', url: '/y' } as IncomingMessage, { statusCode: 200 } as ServerResponse)).toBe(false);
  expect(seen).toEqual([{ method: 'GET', route: '/:code', status: 302, timed: true }]);
  expect(door.answered).toBe(1);
});
