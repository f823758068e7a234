import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../openapi/api-error.dto';
import { FreshnessDto } from './freshness.dto';
import { FreshnessService } from './freshness.service';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/freshness')
export class FreshnessController {
  constructor(private readonly freshness: FreshnessService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Data through (the latest month with signals), latest delivery and snapshot build time: dates only' })
  @ApiOkResponse({ type: FreshnessDto })
  @ApiErrors(403)
  get(): Promise<FreshnessDto> {
    return this.freshness.get();
  }
}
