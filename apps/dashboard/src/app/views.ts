import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/messages';
import type { ViewId } from './url-state';

export interface ViewDef {
  id: ViewId;
  label: MessageKey;
  intro?: MessageKey;
  component: LazyExoticComponent<ComponentType>;
  /** Roles that see this view (default: all). */
  roles?: Role[];
  /** Whether the global filters apply to this view. */
  filters: boolean;
}

// Each view is its own chunk: the first page load carries React and the shell only.
export const VIEWS: ViewDef[] = [
  { id: 'overzicht', label: 'view_overzicht', intro: 'viewIntro_overzicht', filters: true, component: lazy(() => import('../views/overview/OverviewView')) },
  { id: 'regio', label: 'view_regio', intro: 'regionPageIntro', filters: true, component: lazy(() => import('../views/region/RegionView')) },
  {
    id: 'aandacht',
    label: 'view_aandacht',
    intro: 'viewIntro_aandacht',
    filters: true,
    roles: ['inspectie', 'nctv', 'beheer'],
    component: lazy(() => import('../views/attention/AttentionView')),
  },
  { id: 'stroom', label: 'view_stroom', intro: 'viewIntro_stroom', filters: true, component: lazy(() => import('../views/flow/FlowView')) },
  { id: 'preweging', label: 'view_preweging', intro: 'viewIntro_preweging', filters: true, component: lazy(() => import('../views/dropoff/DropoffView')) },
  { id: 'criteria', label: 'view_criteria', intro: 'viewIntro_criteria', filters: true, component: lazy(() => import('../views/criteria/CriteriaView')) },
  { id: 'fenomenen', label: 'view_fenomenen', intro: 'viewIntro_fenomenen', filters: true, component: lazy(() => import('../views/phenomena/PhenomenaView')) },
  { id: 'integraliteit', label: 'view_integraliteit', intro: 'viewIntro_integraliteit', filters: true, component: lazy(() => import('../views/integrality/IntegralityView')) },
  { id: 'bereik', label: 'view_bereik', intro: 'viewIntro_bereik', filters: true, component: lazy(() => import('../views/reach/ReachView')) },
  { id: 'register', label: 'view_register', intro: 'viewIntro_register', filters: false, component: lazy(() => import('../views/registry/RegistryView')) },
  {
    id: 'gegevens',
    label: 'view_gegevens',
    intro: 'viewIntro_gegevens',
    filters: false,
    roles: ['inspectie', 'regio', 'beheer'],
    component: lazy(() => import('../views/batches/BatchesView')),
  },
  { id: 'definities', label: 'view_definities', intro: 'viewIntro_definities', filters: false, component: lazy(() => import('../views/definitions/DefinitionsView')) },
  { id: 'toegankelijkheid', label: 'view_toegankelijkheid', filters: false, component: lazy(() => import('../views/accessibility/AccessibilityView')) },
];

/** The views of a role, in menu order; a regio caller starts on its own region page. */
export function viewsFor(role: Role): ViewDef[] {
  const views = VIEWS.filter((v) => !v.roles || v.roles.includes(role));
  return role === 'regio' ? [...views.filter((v) => v.id === 'regio'), ...views.filter((v) => v.id !== 'regio')] : views;
}
