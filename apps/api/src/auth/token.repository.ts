import { Inject, Injectable } from '@nestjs/common';
import { ApiTokenEntity } from '@weegwijzer/store';
import { DataSource, IsNull } from 'typeorm';
import { OPERATIONAL_STORE } from '../app/tokens';

@Injectable()
export class TokenRepository {
  constructor(@Inject(OPERATIONAL_STORE) private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(ApiTokenEntity);
  }

  async insert(row: Pick<ApiTokenEntity, 'id' | 'tokenSha256' | 'name' | 'role' | 'regionCode' | 'expiresAt'>): Promise<ApiTokenEntity> {
    await this.repo.insert(row);
    return this.repo.findOneByOrFail({ id: row.id });
  }

  findActiveByHash(tokenSha256: string): Promise<ApiTokenEntity | null> {
    return this.repo.findOneBy({ tokenSha256, revokedAt: IsNull() });
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Marks a token revoked; returns false if it does not exist or was already revoked. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const r = await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (r.affected ?? 0) > 0;
  }
}
