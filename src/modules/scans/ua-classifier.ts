// Turns a user agent into the buckets analytics counts by. Runs at flush time, never on the
// redirect hot path. ua-parser-js 1.x (MIT; 2.x is AGPL) parses, isbot flags crawlers, and our
// own list adds the link unfurlers and HTTP tools that must never count as people.
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import type { DeviceType, OsBucket } from '../../db/scan-rollups.ts';

/** What analytics keeps of a user agent. */
export interface UaClass {
  os: OsBucket;
  /** Browser family ("Safari", "Chrome", "Edge"…), or "other". */
  browser: string;
  deviceType: DeviceType;
  isBot: boolean;
}

// Link-preview fetchers ("unfurlers") and scripting tools. isbot knows most of them today; this
// list pins the ones whose misclassification would inflate every shared link's count.
const EXTRA_BOTS =
  /slackbot|slack-imgproxy|facebookexternalhit|facebookcatalog|meta-externalagent|whatsapp|twitterbot|linkedinbot|discordbot|telegrambot|skypeuripreview|skype uri preview|google-pagerenderer|googleother|applebot|pinterestbot|redditbot|embedly|iframely|vkshare|viber|line-poker|kakaotalk-scrap|snap url preview|bitlybot|mastodon|bluesky|cardyb|quora link preview|outlook|microsoftpreview|bingpreview|yahoo! slurp|^curl\/|^wget\/|python-requests|python-urllib|aiohttp|httpx|go-http-client|okhttp|java\/|apache-httpclient|libwww-perl|node-fetch|undici|axios|got \(|postmanruntime|insomnia|httpie|headlesschrome|phantomjs|lighthouse|uptimerobot|pingdom|statuscake/i;

// A person who taps a link inside Viber or Outlook on a phone sees it in the app's own browser,
// whose user agent is the phone's browser engine plus the app's token (`Viber/22.3`,
// `Outlook-iOS/4.2`): the app's name alone, in the list above for its unfurler (which sends no
// such version, or no browser at all), flagged these people as bots and left them out of every
// count. LINE's and Snapchat's in-app browsers (`Line/14.9`, `Snapchat/13.0`) were flagged the
// same way; their unfurlers are listed by their own names now (`line-poker`, `Snap URL Preview`).
const IN_APP_BROWSER = /^mozilla\/5\.0 \((?:iphone|ipad|linux; android)[^)]*\).*(?:\bline\/\d|snapchat\/?\d|\bviber\/\d|\boutlook-(?:ios|android)\/)/i;

const LINUX_FAMILY = new Set([
  'Linux',
  'Ubuntu',
  'Debian',
  'Fedora',
  'Arch',
  'Mint',
  'Gentoo',
  'Kubuntu',
  'Xubuntu',
  'Lubuntu',
  'SUSE',
  'openSUSE',
  'Red Hat',
  'RedHat',
  'CentOS',
  'Slackware',
  'Mandriva',
  'Zenwalk',
  'Deepin',
  'elementary OS',
  'Manjaro',
  'PCLinuxOS',
  'Linpus',
  'Linspire',
  'Mageia',
  'Sabayon',
  'VectorLinux',
]);

function osBucket(name: string | undefined): OsBucket {
  if (!name) return 'other';
  if (name === 'iOS') return 'iOS';
  if (name === 'Android' || name === 'Android-x86') return 'Android';
  if (name === 'Windows') return 'Windows';
  if (name === 'Mac OS' || name === 'macOS') return 'macOS';
  if (name === 'Chromium OS' || name === 'Chrome OS') return 'ChromeOS';
  if (LINUX_FAMILY.has(name)) return 'Linux';
  return 'other';
}

const BROWSER_ALIASES: Record<string, string> = {
  'Mobile Safari': 'Safari',
  'Mobile Firefox': 'Firefox',
  'Mobile Chrome': 'Chrome',
  'Chrome Mobile': 'Chrome',
  'Chrome WebView': 'Chrome',
  'Samsung Browser': 'Samsung Internet',
  'Opera Mobi': 'Opera',
  'Opera Touch': 'Opera',
  'Opera GX': 'Opera',
};

function browserFamily(name: string | undefined): string {
  if (!name) return 'other';
  return (BROWSER_ALIASES[name] ?? name).slice(0, 64);
}

/** True when the user agent is a crawler, link-preview fetcher or HTTP tool; an absent UA counts as a tool. */
export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  const ua = userAgent?.trim();
  if (!ua) return true;
  if (isbot(ua)) return true;
  return !IN_APP_BROWSER.test(ua) && EXTRA_BOTS.test(ua);
}

// A flush sees the same few hundred user agents again and again; parsing costs tens of µs.
const cache = new Map<string, UaClass>();
const CACHE_SIZE = 5000;

/** Classifies a user agent into OS bucket, browser family, device type and bot flag (memoised). */
export function classifyUserAgent(userAgent: string | null | undefined): UaClass {
  const ua = userAgent?.trim() ?? '';
  const cached = cache.get(ua);
  if (cached) return cached;
  const result = Object.freeze(parse(ua));
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(ua, result);
  return result;
}

function parse(ua: string): UaClass {
  const result = new UAParser(ua).getResult();
  const os = osBucket(result.os.name);
  const bot = isBotUserAgent(ua);
  let deviceType: DeviceType;
  if (bot) deviceType = 'bot';
  else if (result.device.type === 'mobile') deviceType = 'mobile';
  else if (result.device.type === 'tablet') deviceType = 'tablet';
  else if (result.device.type === undefined && (os === 'Windows' || os === 'macOS' || os === 'Linux' || os === 'ChromeOS')) deviceType = 'desktop';
  else deviceType = 'other';
  return { os, browser: browserFamily(result.browser.name), deviceType, isBot: bot };
}
