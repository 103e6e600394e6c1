// What the door's events are called, and what the rename dialog refuses as a name.
import { expect, it } from 'vitest';
import { eventTitle, looksScanned } from '../../web/src/checkins/event-title.ts';

it('an event is known by its name, else by its size and first ticket', () => {
  expect(eventTitle({ name: 'Spring fair', codes: 120, first_name: 'Amara Okafor · 001' })).toBe('Spring fair');
  expect(eventTitle({ name: null, codes: 1, first_name: 'Matinee guest' })).toBe('1 ticket, starting with Matinee guest');
  expect(eventTitle({ name: null, codes: 1200, first_name: 'Ada' })).toMatch(/^1.200 tickets, starting with Ada$/);
});

it('a scanned ticket typed into the name field is not a name', () => {
  expect(looksScanned('Spring fairhttps://tickets.example/8G4gHjy?k=ab')).toBe(true);
  expect(looksScanned('http://127.0.0.1:3000/8G4gHjy')).toBe(true);
  expect(looksScanned('Spring fair, 14 March')).toBe(false);
  expect(looksScanned('Gala: 20:00 sharp')).toBe(false);
});
