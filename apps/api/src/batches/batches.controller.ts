import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { BatchUploadQueryDto, type BatchAcceptedDto, type BatchCheckDto, type BatchDto } from './batch.dto';
import { BatchesService } from './batches.service';
import { MAX_BATCH_FILES, type UploadState } from './upload.storage';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('v1/batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post()
  @HttpCode(202)
  @Roles('regio', 'beheer')
  @UseInterceptors(FilesInterceptor('files', MAX_BATCH_FILES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiOperation({
    summary:
      'Deliver a batch (manifest.json + data files, or one .zip, all under field "files"); 202, then poll GET /batches/:id. ' +
      'With ?dry_run=1: 200 with the validation report; nothing is loaded or kept.',
  })
  upload(
    @CurrentPrincipal() p: Principal,
    @Req() req: Request & UploadState,
    @Query() q: BatchUploadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchAcceptedDto | BatchCheckDto> {
    const dryRun = q.dry_run === '1' || q.dry_run === 'true';
    if (dryRun) res.status(200);
    return this.batches.submit(p, req.uploadDir, req.uploadNames ?? [], dryRun ? 'check' : 'load');
  }

  @Get()
  @Roles('regio', 'beheer', 'inspectie')
  @ApiOperation({ summary: 'Batches with their status (a regio token: its own region only)' })
  list(@CurrentPrincipal() p: Principal): Promise<BatchDto[]> {
    return this.batches.list(p);
  }

  @Get(':id')
  @Roles('regio', 'beheer', 'inspectie')
  @ApiOperation({ summary: 'One batch with its status and validation report; id = <region>/<batch_id>, URL-encoded' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<BatchDto> {
    return this.batches.get(p, id);
  }
}
