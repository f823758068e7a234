import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import { BatchRepository } from './batch.repository';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';
import { UploadQuota, UploadQuotaGuard } from './upload.quota';
import { batchUploadOptions, uploadRoot } from './upload.storage';
import { UploadTracker, UploadTrackerModule } from './upload.tracker';

@Module({
  imports: [
    UploadTrackerModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG, UploadTracker],
      useFactory: (config: AppConfig, uploads: UploadTracker) => batchUploadOptions(config.uploadMaxBytes, uploadRoot(config.dataDir), (dir) => void uploads.discardUnclaimed(dir)),
    }),
  ],
  controllers: [BatchesController],
  providers: [BatchRepository, BatchesService, UploadQuota, UploadQuotaGuard],
  exports: [BatchesService],
})
export class BatchesModule {}
