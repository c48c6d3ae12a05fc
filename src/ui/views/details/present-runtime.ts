import type { ContainerDetails, NetworkAttachment } from '../../../domain/details.js';
import { limitTexts } from '../../../domain/format/limits.js';
import type { DetailsSection } from './section.js';

const NONE: [string, string] = ['', 'none'];
/** Always shown, set or not: "unlimited" is an answer too. */
const ALWAYS_SHOWN = ['cpus', 'memory', 'pids'] as const;

/** `0.0.0.0:8080 → 80/tcp`, the way round traffic goes; unpublished ports say so. */
export function portsSection(d: ContainerDetails): DetailsSection {
  return {
    title: 'Ports',
    lines: d.ports.length
      ? d.ports.map((p) => [
          '',
          p.publicPort
            ? `${p.ip ?? '0.0.0.0'}:${p.publicPort} → ${p.privatePort}/${p.type}`
            : `${p.privatePort}/${p.type} (not published)`,
        ])
      : [NONE],
  };
}

export function networksSection(d: ContainerDetails): DetailsSection {
  const attachments: NetworkAttachment[] =
    d.attachments ?? d.networks.map((name) => ({ name, ip: '', aliases: [] }));
  return {
    title: 'Networks',
    lines: attachments.length
      ? attachments.map((n): [string, string] => {
          const address = [n.ip, n.ipv6].filter((a) => a).join(' ') || 'no address';
          return [n.name, n.aliases.length ? `${address}  aliases ${n.aliases.join(', ')}` : address];
        })
      : [NONE],
  };
}

export function limitsSection(d: ContainerDetails): DetailsSection {
  if (!d.limits) return { title: 'Limits', lines: [['', 'not read']] };
  const texts = limitTexts(d.limits);
  const lines: Array<[string, string]> = ALWAYS_SHOWN.map((label) => [
    label,
    texts.get(label) ?? 'unlimited',
  ]);
  for (const [label, text] of texts) {
    if (!(ALWAYS_SHOWN as readonly string[]).includes(label)) lines.push([label, text]);
  }
  return { title: 'Limits', lines };
}
