import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { FastifyReply } from 'fastify';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { LoginDto, LoginResponseDto } from './auth.dto';
import { AuthService } from './auth.service';
import { Public } from './roles.decorator';
import { RateLimited } from '../security/rate-limits';
import { CSRF_COOKIE, csrfCookieOptions, SESSION_COOKIE, sessionCookieOptions } from './session-cookie';
import { UserRepository } from '@app/persistence';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly users: UserRepository, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @RateLimited('login')
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: FastifyReply): Promise<LoginResponseDto> {
    const session = await this.auth.login(dto.email, dto.password);
    const maxAge = session.expiresIn * 1000;
    res.setCookie(SESSION_COOKIE, session.accessToken, sessionCookieOptions(this.config.COOKIE_SECURE, maxAge));
    res.setCookie(CSRF_COOKIE, session.csrfToken, csrfCookieOptions(this.config.COOKIE_SECURE, maxAge));
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: FastifyReply): Promise<void> {
    await this.auth.logout(actor.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  async me(@CurrentActor() actor: Actor) {
    const user = await this.users.findWithTeams(actor.userId);
    return { id: actor.userId, email: user?.email, name: user?.name, role: actor.role, careTeamIds: actor.careTeamIds };
  }
}
