import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { HealthDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness, and whether DuckDB and the operational store answer (503 when one does not)' })
  @ApiOkResponse({ type: HealthDto, description: 'Both stores answer' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'DuckDB or the operational store does not answer (status degraded)' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const h = await this.health.check();
    res.status(h.status === 'ok' ? 200 : 503);
    return h;
  }
}
