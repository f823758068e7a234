import type * as Api from '@weegwijzer/api-types';
import { ApiProperty } from '@nestjs/swagger';
import { REGION_CODE_PATTERN } from '../openapi/region-code';
import { ROLES, type Role } from '@weegwijzer/contract';

/** A demo token for the dashboard's role picker (demo mode only). */
export class DemoSessionDto implements Api.DemoSession {
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'regio' })
  role!: Role;

  @ApiProperty({ type: 'string', nullable: true, pattern: REGION_CODE_PATTERN, example: 'VR13' })
  region!: string | null;

  @ApiProperty({ example: 'Regio Amsterdam-Amstelland' })
  label!: string;

  @ApiProperty({ description: 'a bearer token, new on every start', example: 'wgw_demo-token' })
  token!: string;
}
