// How the API's terms read on screen.
import type { QrType } from './types.ts';

export const QR_TYPE_LABELS: Record<QrType, string> = { dynamic: 'Dynamic', static: 'Static', morphing: 'Live ticket' };

export const QR_TYPE_HINTS: Record<QrType, string> = {
  dynamic: 'Leads through a short link: you can change the destination after printing, and scans are counted.',
  static: 'Holds the destination itself: it works without Tessera, but can never change and scans are not counted.',
  morphing: 'A ticket whose picture changes every few seconds, so a screenshot does not get in; holders see it on your own site or app.',
};
