import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { AuditQueryDto } from './audit.dto';
import { AuditPage, AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('beheer')
  @ApiOperation({ summary: 'The audit log, newest first (beheer); filter by who, role, route, status, from/to' })
  list(@Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.query(q);
  }
}
