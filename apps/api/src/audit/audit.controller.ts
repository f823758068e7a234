import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-error.dto';
import { Roles } from '../auth/roles.decorator';
import { AuditPage, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('beheer')
  @ApiOperation({ summary: 'The audit log, newest first (beheer); filter by who, role, route, status, from/to' })
  @ApiOkResponse({ type: AuditPage })
  @ApiErrors(400, 403)
  list(@Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.query(q);
  }
}
