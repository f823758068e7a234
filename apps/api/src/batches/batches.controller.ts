import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../openapi/api-error.dto';
import { BatchAcceptedDto, BatchCheckDto, BatchDto, BatchUploadQueryDto } from './batch.dto';
import { BatchesService } from './batches.service';
import { UploadQuotaGuard } from './upload.quota';
import { MAX_BATCH_FILES, type UploadState } from './upload.storage';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('v1/batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post()
  @HttpCode(202)
  @Roles('regio', 'beheer')
  @UseGuards(UploadQuotaGuard)
  @UseInterceptors(FilesInterceptor('files', MAX_BATCH_FILES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: {
          type: 'array',
          maxItems: MAX_BATCH_FILES,
          description: 'manifest.json and the data files it names (signals.*, assessments.*), or one .zip holding them, each under the field name "files" with its plain file name',
          items: { type: 'string', format: 'binary' },
        },
      },
    },
  })
  @ApiOperation({
    summary:
      'Deliver a batch (manifest.json + data files, or one .zip, all under field "files"); 202, then poll GET /batches/{id}. ' +
      'With ?dry_run=1: 200 with the validation report; nothing is loaded or kept. 429 with Retry-After over the per-token upload quota, 411 without a Content-Length.',
  })
  @ApiExtraModels(BatchCheckDto)
  @ApiAcceptedResponse({ type: BatchAcceptedDto, description: 'Queued for validation and loading; poll `location`' })
  @ApiOkResponse({ schema: { $ref: getSchemaPath(BatchCheckDto) }, description: 'dry_run=1: the validation report; nothing was stored' })
  @ApiErrors(400, 403, 409, 411, 413)
  upload(
    @CurrentPrincipal() p: Principal,
    @Req() req: Request & UploadState,
    @Query() q: BatchUploadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchAcceptedDto | BatchCheckDto> {
    const dryRun = q.dry_run === '1' || q.dry_run === 'true';
    if (dryRun) res.status(200);
    return this.batches.submit(p, req.uploadDir, req.uploadNames ?? [], req, dryRun ? 'check' : 'load');
  }

  @Get()
  @Roles('regio', 'beheer', 'inspectie')
  @ApiOperation({ summary: 'Batches with their status (a regio token: its own region only)' })
  @ApiOkResponse({ type: [BatchDto] })
  @ApiErrors(403)
  list(@CurrentPrincipal() p: Principal): Promise<BatchDto[]> {
    return this.batches.list(p);
  }

  @Get(':id')
  @Roles('regio', 'beheer', 'inspectie')
  @ApiOperation({ summary: 'One batch with its status and validation report; id = <region>/<batch_id>, URL-encoded' })
  @ApiParam({ name: 'id', description: '<region_code>/<batch_id> with the slash URL-encoded', example: 'VR13%2FVR13-2025-06' })
  @ApiOkResponse({ type: BatchDto })
  @ApiErrors(400, 403, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<BatchDto> {
    return this.batches.get(p, id);
  }
}
