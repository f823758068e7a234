import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-error.dto';
import { Public } from '../auth/roles.decorator';
import { DemoSessionDto } from './demo.dto';
import { DemoService } from './demo.service';

@ApiTags('demo')
@Controller('v1/demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Get('sessions')
  @Public()
  @ApiOperation({ summary: 'Demo mode only (loopback): one token per role except beheer, for the role picker (404 otherwise)' })
  @ApiOkResponse({ type: [DemoSessionDto] })
  @ApiErrors(404)
  sessions(): DemoSessionDto[] {
    return this.demo.sessions();
  }
}
