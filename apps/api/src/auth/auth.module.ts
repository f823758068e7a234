import { Module } from '@nestjs/common';
import { AuthenticationMiddleware } from './authentication.middleware';
import { MeController } from './me.controller';
import { OidcService } from './oidc.service';
import { TokenRepository } from './token.repository';
import { TokenService } from './token.service';

@Module({
  controllers: [MeController],
  providers: [TokenRepository, TokenService, OidcService, AuthenticationMiddleware],
  exports: [TokenService, OidcService, AuthenticationMiddleware],
})
export class AuthModule {}
