import { describe, expect, it } from 'vitest';
import { classifyUserAgent } from '../../src/modules/scans/ua-classifier.ts';

// Real user agents as these clients send them.
const PEOPLE: Array<[string, string, { os: string; browser: string; deviceType: string }]> = [
  [
    'iPhone Safari',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    { os: 'iOS', browser: 'Safari', deviceType: 'mobile' },
  ],
  [
    'iPad Safari',
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    { os: 'iOS', browser: 'Safari', deviceType: 'tablet' },
  ],
  [
    'Android Chrome',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile Safari/537.36',
    { os: 'Android', browser: 'Chrome', deviceType: 'mobile' },
  ],
  [
    'Windows Edge',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
    { os: 'Windows', browser: 'Edge', deviceType: 'desktop' },
  ],
  ['macOS Safari', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', { os: 'macOS', browser: 'Safari', deviceType: 'desktop' }],
  ['Linux Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0', { os: 'Linux', browser: 'Firefox', deviceType: 'desktop' }],
  ['ChromeOS Chrome', 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36', { os: 'ChromeOS', browser: 'Chrome', deviceType: 'desktop' }],
  [
    'Samsung Internet',
    'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
    { os: 'Android', browser: 'Samsung Internet', deviceType: 'mobile' },
  ],
  // In-app browsers of apps whose unfurlers are bots: the person tapping the link counts.
  [
    'LINE in-app (iOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0',
    { os: 'iOS', browser: 'Line', deviceType: 'mobile' },
  ],
  [
    'LINE in-app (Android)',
    'Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Line/14.9.1/IAB',
    { os: 'Android', browser: 'Line', deviceType: 'mobile' },
  ],
  [
    'Snapchat in-app (iOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/13.0.0.39 (like Safari/8618.2.12.10.5, panda)',
    { os: 'iOS', browser: 'Snapchat', deviceType: 'mobile' },
  ],
  [
    'Snapchat in-app (Android)',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36Snapchat13.0.0.46 V/MUSHROOM',
    { os: 'Android', browser: 'Chrome', deviceType: 'mobile' },
  ],
  [
    'Viber in-app (Android)',
    'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Viber/22.3.1.0',
    { os: 'Android', browser: 'Chrome', deviceType: 'mobile' },
  ],
  [
    'Outlook in-app (iOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Outlook-iOS/723.4027091.prod.iphone (4.2423.0)',
    { os: 'iOS', browser: 'WebKit', deviceType: 'mobile' },
  ],
  // A product token ending in "line/" (Discipline/, Pipeline/) is not LINE.
  [
    'Chrome with a "…line/" token',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Discipline/1.0',
    { os: 'Windows', browser: 'Chrome', deviceType: 'desktop' },
  ],
];

const BOTS: Array<[string, string]> = [
  ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  ['Slackbot', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
  ['facebookexternalhit', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
  ['WhatsApp', 'WhatsApp/2.23.20.0 A'],
  ['curl', 'curl/8.5.0'],
  ['wget', 'Wget/1.21.4'],
  ['python-requests', 'python-requests/2.31.0'],
  ['Go-http-client', 'Go-http-client/1.1'],
  ['Twitterbot', 'Twitterbot/1.0'],
  ['LinkedInBot', 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)'],
  ['Discordbot', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
  ['TelegramBot', 'TelegramBot (like TwitterBot)'],
  ['Skype URI Preview', 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5'],
  [
    'Google-PageRenderer',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko; Google-PageRenderer Google (+https://developers.google.com/+/web/snippet/)) Chrome/56.0.2924.87 Safari/537.36',
  ],
  ['LINE link preview', 'facebookexternalhit/1.1;line-poker/1.0'],
  [
    'Snap URL Preview',
    'Mozilla/5.0 (Linux; Android 9; Pixel 3 XL) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/75.0.3770.101 Mobile Safari/537.36 Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots',
  ],
  ['Viber link preview', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/38.0.2125.111 Safari/537.36 Viber'],
  ['Outlook (desktop) fetching a link', 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)'],
  ['Applebot', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)'],
];

describe('user-agent classifier', () => {
  it.each(PEOPLE)('%s lands in its OS, browser and device buckets and is not a bot', (_name, ua, expected) => {
    expect(classifyUserAgent(ua)).toEqual({ ...expected, isBot: false });
  });

  it.each(BOTS)('%s is flagged as a bot with device type "bot"', (_name, ua) => {
    const result = classifyUserAgent(ua);
    expect(result.isBot).toBe(true);
    expect(result.deviceType).toBe('bot');
  });

  it('a request without a user agent is a tool, not a person', () => {
    expect(classifyUserAgent(null)).toMatchObject({ isBot: true, os: 'other' });
    expect(classifyUserAgent('   ')).toMatchObject({ isBot: true, os: 'other' });
  });

  it('unknown agents fall into "other" without throwing', () => {
    expect(classifyUserAgent('SomethingNew/1.0')).toMatchObject({ os: 'other', browser: 'other' });
    expect(classifyUserAgent('\u0000'.repeat(600))).toMatchObject({ os: 'other' });
  });
});
