import { Controller, ForbiddenException, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isValidTwilioSignature } from '@app/sms';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { RateLimited } from '../security/rate-limits';
import { SmsInboundService } from './sms-inbound.service';

/**
 * Twilio's webhooks. Both check X-Twilio-Signature against PUBLIC_BASE_URL + path with TWILIO_AUTH_TOKEN, and
 * answer 403 when it is missing or wrong (or when no auth token is configured: nothing could be verified).
 */
@ApiExcludeController()
@Public()
@RateLimited('webhook')
@Controller('webhooks/sms/twilio')
export class TwilioWebhookController {
  constructor(private readonly inbound: SmsInboundService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post()
  @HttpCode(200)
  async receive(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    const twiml = await this.inbound.receive(this.verified(req), req.id);
    // Set here rather than with @Header, which would also label a 403's JSON body as XML.
    res.type('text/xml; charset=utf-8');
    return twiml;
  }

  @Post('status')
  @HttpCode(204)
  async status(@Req() req: FastifyRequest): Promise<void> {
    await this.inbound.recordStatus(this.verified(req), req.id);
  }

  private verified(req: FastifyRequest): Record<string, unknown> {
    const params = { ...((req.body ?? {}) as Record<string, unknown>) };
    // The URL exactly as requested, query string included (Twilio signs the URL it called).
    const url = `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${req.originalUrl}`;
    const header = req.headers['x-twilio-signature'];
    const signature = typeof header === 'string' ? header : undefined;
    if (!isValidTwilioSignature(this.config.TWILIO_AUTH_TOKEN, signature, url, params)) {
      throw new ForbiddenException('Missing or invalid X-Twilio-Signature.');
    }
    return params;
  }
}
