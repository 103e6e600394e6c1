import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect, it } from 'vitest';
import { FrontDoor } from '../../src/http/front-door.ts';

const request = {} as IncomingMessage;
const response = {} as ServerResponse;

it('tries handlers in order until one answers, and none once closed', () => {
  const calls: string[] = [];
  const door = new FrontDoor();
  door.add(() => (calls.push('a'), false));
  door.add(() => (calls.push('b'), true));
  door.add(() => (calls.push('c'), true));
  expect(door.handle(request, response)).toBe(true);
  expect(calls).toEqual(['a', 'b']);
  door.close();
  expect(door.handle(request, response)).toBe(false);
  expect(calls).toEqual(['a', 'b']);
});

it('answers nothing without handlers', () => {
  expect(new FrontDoor().handle(request, response)).toBe(false);
});
