/** What a URL string says about transport: plain HTTP to a host off this machine? */

const LOCAL_HOSTS = new Set(['localhost', '0.0.0.0', '[::1]', '::1', 'host.docker.internal']);

/**
 * The host of a plain `http://` (or `ws://`) URL that leaves the machine, or undefined
 * for HTTPS, relative URLs, loopback and `.local`/`.localhost` names. A URL whose host is
 * not fully known gives undefined: pass `complete: false` when `url` is only the static
 * start of a URL built at run time (`http://api.${domain}` says nothing about the host).
 */
export function plainHttpRemoteHost(url: string, complete = true): string | undefined {
  const match = /^\s*(?:http|ws):\/\/(?:[^/?#@\s]*@)?(\[[^\]]*\]|[^/?#:\s]+)([/?#:]?)/i.exec(url);
  if (!match) return undefined;
  if (!complete && match[2] === '') return undefined;
  const host = match[1]!.toLowerCase();
  if (isLocalHost(host)) return undefined;
  return host;
}

export function isLocalHost(host: string): boolean {
  if (LOCAL_HOSTS.has(host)) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // 192.168.x.x and link-local 169.254.x.x: a home or office LAN, like `.local` names (a developer's
  // machine reached from a phone or a VM). 10.x and 172.16-31.x stay reported: they are typical
  // cloud VPC and cluster ranges, where production traffic flows.
  if (/^(?:192\.168|169\.254)\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return host.endsWith('.localhost') || host.endsWith('.local');
}
