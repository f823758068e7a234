import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { loadRegions, type Role } from '@weegwijzer/contract';
import { demoRegionProfiles, generateDemo, type Ingestor } from '@weegwijzer/etl';
import { readSnapshotPointer } from '@weegwijzer/store';
import { join } from 'node:path';
import { TokenService } from '../auth/token.service';
import { RegistryService } from '../registry/registry.service';
import { APP_CONFIG, INGESTOR } from '../app/tokens';
import type { DemoSessionDto } from './demo.dto';
import type { AppConfig } from '../config/app-config';

export type { DemoSessionDto } from './demo.dto';

/** Progress of the demo preparation, for the console. */
export type DemoProgress = (stage: 'generate' | 'ingest', done: number, total: number, label: string) => void;

const DEMO_TOKEN_PREFIX = 'demo:';
/** Roles whose demo token the unauthenticated sessions route never hands out. */
const UNOFFERED_ROLES: readonly Role[] = ['beheer'];

/**
 * Demo mode: on an empty data directory, generate the deterministic demo data and ingest it;
 * on every start, replace the demo tokens (one per role, regio for the configured regions) and
 * offer them (except `beheer`) to the dashboard's role picker. Never active unless demo mode is
 * on, and demo mode only listens on loopback (see app-config).
 */
@Injectable()
export class DemoService {
  private readonly log = new Logger('demo');
  private current: DemoSessionDto[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INGESTOR) private readonly ingestor: Ingestor,
    private readonly tokens: TokenService,
    private readonly registry: RegistryService,
  ) {}

  /** The role picker's sessions: never `beheer` (its token is printed on the console only). */
  sessions(): DemoSessionDto[] {
    if (!this.config.demo.enabled) throw new NotFoundException('demo mode is off');
    return this.current.filter((s) => !UNOFFERED_ROLES.includes(s.role));
  }

  /** Generates and ingests the demo data if nothing has been loaded yet. Returns whether it did. */
  async loadDataIfEmpty(progress?: DemoProgress): Promise<boolean> {
    if (readSnapshotPointer(this.config.dataDir)) return false;
    const { scale, seed, years } = this.config.demo;
    const outDir = join(this.config.dataDir, 'demo');
    this.log.log(`the store is empty: generating demo data (seed ${seed}, ${years} years, scale ${scale}) into ${outDir}`);
    const gen = await generateDemo({ outDir, seed, years, scale, onProgress: (d, t, label) => progress?.('generate', d, t, label) });
    this.log.log(`generated ${gen.batchDirs.length} batches (${gen.signals} signals, ${gen.assessments} assessments); ingesting`);
    const { batches } = await this.ingestor.ingest(gen.batchDirs, {
      submittedBy: 'demo',
      onProgress: (e) => progress?.('ingest', e.phase === 'done' ? e.total : Math.max(0, e.index - 1), e.total, e.batch ?? ''),
    });
    const notLoaded = batches.filter((b) => b.outcome !== 'loaded' && b.outcome !== 'already_loaded');
    if (notLoaded.length > 0) this.log.warn(`${notLoaded.length} demo batches were not loaded: ${notLoaded[0].message}`);
    const profiles = await this.registry.fillDemoProfiles(demoRegionProfiles(seed));
    this.log.log(`filled ${profiles} region profiles with labelled demo values`);
    return true;
  }

  /** Revokes the previous demo tokens and creates fresh ones. */
  async createTokens(): Promise<DemoSessionDto[]> {
    for (const t of await this.tokens.list()) {
      if (t.name.startsWith(DEMO_TOKEN_PREFIX) && !t.revokedAt) await this.tokens.revoke(t.id);
    }
    const names = new Map(loadRegions().map((r) => [r.code, r.name]));
    const wanted: { role: Role; region: string | null; label: string }[] = [
      { role: 'inspectie', region: null, label: 'Inspectie JenV' },
      { role: 'nctv', region: null, label: 'NCTV-adviseur' },
      ...this.config.demo.regions.map((r) => ({ role: 'regio' as Role, region: r, label: `Regio ${names.get(r) ?? r}` })),
      { role: 'beheer', region: null, label: 'Beheerder' },
    ];
    const out: DemoSessionDto[] = [];
    for (const w of wanted) {
      const t = await this.tokens.create({ role: w.role, region: w.region, name: `${DEMO_TOKEN_PREFIX}${w.role}${w.region ? `:${w.region}` : ''}` });
      out.push({ ...w, token: t.token });
    }
    this.current = out;
    return out;
  }
}
