import type { ServiceState } from '../../engine/ports.js';
import { SERVICE_DISPLAY_NAME } from '../entsso-service.js';
import type { LabServer } from '../lab-types.js';

export type HostService = { key: 'entsso' | 'btssvc'; name: string; display: string };

export const BTS_SERVICE: HostService = {
  key: 'btssvc',
  name: 'BTSSvc$BizTalkServerApplication',
  display: 'BizTalk Service BizTalk Group : BizTalkServerApplication',
};
export const ENTSSO_SERVICE: HostService = { key: 'entsso', name: 'ENTSSO', display: SERVICE_DISPLAY_NAME };

export function hostServices(host: LabServer): HostService[] {
  return [...(host.entsso ? [ENTSSO_SERVICE] : []), ...(host.hostInstance ? [BTS_SERVICE] : [])];
}

/** By service name or display name, case-insensitive, like the SCM. */
export function findHostService(host: LabServer, name: string): HostService | undefined {
  const wanted = name.toLowerCase();
  return hostServices(host).find(
    (s) => s.name.toLowerCase() === wanted || s.display.toLowerCase() === wanted,
  );
}

export function serviceStateOf(host: LabServer, service: HostService | undefined): ServiceState {
  if (!service) return 'missing';
  if (service.key === 'entsso') return host.entsso?.state ?? 'missing';
  return host.hostInstance ?? 'missing';
}
