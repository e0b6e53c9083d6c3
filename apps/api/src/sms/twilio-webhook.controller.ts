import { Controller, ForbiddenException, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isValidTwilioSignature } from '@app/sms';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { RateLimited } from '../security/rate-limits';
import { SmsInboundService } from './sms-inbound.service';

type RequestWithId = Request & { id?: string | number };

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
  async receive(@Req() req: RequestWithId, @Res({ passthrough: true }) res: Response): Promise<string> {
    const twiml = await this.inbound.receive(this.verified(req), requestIdOf(req));
    // Set here rather than with @Header, which would also label a 403's JSON body as XML.
    res.type('text/xml');
    return twiml;
  }

  @Post('status')
  @HttpCode(204)
  async status(@Req() req: RequestWithId): Promise<void> {
    await this.inbound.recordStatus(this.verified(req), requestIdOf(req));
  }

  private verified(req: Request): Record<string, unknown> {
    const params = { ...((req.body ?? {}) as Record<string, unknown>) };
    const url = `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${req.originalUrl}`;
    const signature = req.header('x-twilio-signature');
    if (!isValidTwilioSignature(this.config.TWILIO_AUTH_TOKEN, signature, url, params)) {
      throw new ForbiddenException('Missing or invalid X-Twilio-Signature.');
    }
    return params;
  }
}

const requestIdOf = (req: RequestWithId) => (req.id === undefined ? null : String(req.id));
