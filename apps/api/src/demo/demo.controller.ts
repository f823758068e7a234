import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { DemoService, type DemoSessionDto } from './demo.service';

@ApiTags('demo')
@Controller('v1/demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Get('sessions')
  @Public()
  @ApiOperation({ summary: 'Demo mode only (loopback): one token per role except beheer, for the role picker (404 otherwise)' })
  sessions(): DemoSessionDto[] {
    return this.demo.sessions();
  }
}
