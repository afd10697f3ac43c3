// The contract's codes as people say them, one table for every page.
import { words } from './dom.js';

/** Pathways, services and adaptations as clinicians name them; any other code as words. */
const names = {
  ipt: 'IPT',
  'ipt-with-medication': 'IPT with medication',
  alternative: 'Alternative',
  'ipt-a': 'IPT-A (adolescents)',
  'ipt-ed': 'IPT-ED (eating disorders)',
  'ipt-late-life': 'IPT for late life',
  'ipt-perinatal': 'IPT perinatal',
  ipsrt: 'IPSRT (social rhythm)',
  cbt: 'CBT',
};

export const codeName = code => names[code] ?? words(code);

/** A pathway and, for an alternative, its service: "IPT with medication", "Alternative: CBT". */
export function pathwayText(pathway, modality) {
  if (!pathway) return '—';
  return modality ? `${codeName(pathway)}: ${codeName(modality)}` : codeName(pathway);
}
