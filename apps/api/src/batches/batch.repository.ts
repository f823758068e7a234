import { Inject, Injectable } from '@nestjs/common';
import { BatchEntity } from '@weegwijzer/store';
import { DataSource } from 'typeorm';
import { OPERATIONAL_STORE } from '../app/tokens';

/** Reads the batch ledger (the ETL writes it). */
@Injectable()
export class BatchRepository {
  constructor(@Inject(OPERATIONAL_STORE) private readonly ds: DataSource) {}

  list(region?: string): Promise<BatchEntity[]> {
    return this.ds.getRepository(BatchEntity).find({ where: region ? { regionCode: region } : {}, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  findById(id: string): Promise<BatchEntity | null> {
    return this.ds.getRepository(BatchEntity).findOneBy({ id });
  }

  async countLoaded(): Promise<number> {
    return this.ds.getRepository(BatchEntity).countBy({ status: 'loaded' });
  }
}
