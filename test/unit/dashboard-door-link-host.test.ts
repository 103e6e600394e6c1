// A door link made on a dashboard opened at a loopback address opens on no staff phone: the dialog
// warns when the link's host names this computer only.
import { expect, it } from 'vitest';
import { onlyThisComputer } from '../../web/src/checkins/door-key.ts';

it('tells loopback hosts from addresses a phone can reach', () => {
  for (const host of ['localhost', 'LOCALHOST', 'localhost.', 'tessera.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(onlyThisComputer(host), host).toBe(true);
  for (const host of ['192.168.1.20', '10.0.0.5', 'qr.example.com', 'localhost.example.com', '127.0.0.1.nip.io', '[::ffff:c0a8:114]', '1127.0.0.1']) expect(onlyThisComputer(host), host).toBe(false);
  // As the browser writes them.
  expect(onlyThisComputer(new URL('http://127.0.0.1:8080/app').hostname)).toBe(true);
  expect(onlyThisComputer(new URL('http://[::1]:8080/app').hostname)).toBe(true);
});
