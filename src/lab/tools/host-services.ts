import type { ServiceState } from '../../engine/ports.js';
import { SERVICE_DISPLAY_NAME } from '../services/entsso-service.js';
import type { LabServer } from '../lab-types.js';

export type HostService = { key: 'entsso' | 'btssvc' | 'dependent'; name: string; display: string };

export const BTS_SERVICE: HostService = {
  key: 'btssvc',
  name: 'BTSSvc$BizTalkServerApplication',
  display: 'BizTalk Service BizTalk Group : BizTalkServerApplication',
};
export const ENTSSO_SERVICE: HostService = { key: 'entsso', name: 'ENTSSO', display: SERVICE_DISPLAY_NAME };

/**
 * The other services a lab BizTalk server runs that depend on ENTSSO: a second host instance and the
 * Rule Engine Update Service (restarted with ENTSSO in Microsoft's "How to Update the Runtime Computers").
 */
export const BIZTALK_DEPENDENTS: Record<string, 'running'> = {
  BTSSvc$TrackingHost: 'running',
  RuleEngineUpdateService: 'running',
};
const DEPENDENT_DISPLAY: Record<string, string> = {
  BTSSvc$TrackingHost: 'BizTalk Service BizTalk Group : TrackingHost',
  RuleEngineUpdateService: 'Rule Engine Update Service',
};

function dependentService(name: string): HostService {
  return { key: 'dependent', name, display: DEPENDENT_DISPLAY[name] ?? name };
}

export function hostServices(host: LabServer): HostService[] {
  return [
    ...(host.entsso ? [ENTSSO_SERVICE] : []),
    ...(host.hostInstance ? [BTS_SERVICE] : []),
    ...Object.keys(host.dependents ?? {}).map(dependentService),
  ];
}

/** The services that depend on ENTSSO here (Get-Service ENTSSO -DependentServices), in start order. */
export function entssoDependents(host: LabServer): HostService[] {
  return hostServices(host).filter((s) => s.key !== 'entsso');
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
  if (service.key === 'dependent') return host.dependents?.[service.name] ?? 'missing';
  return host.hostInstance ?? 'missing';
}

/** Sets a dependent's state (the BizTalk host instance or another service that depends on ENTSSO). */
export function setDependentState(host: LabServer, service: HostService, state: 'running' | 'stopped'): void {
  if (service.key === 'btssvc') host.hostInstance = state;
  else if (service.key === 'dependent' && host.dependents) host.dependents[service.name] = state;
}
