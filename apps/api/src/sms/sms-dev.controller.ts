import { Controller, Get, Inject, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig, Clock, smsProviderOf } from '@app/config';
import { JobName, JobQueue } from '@app/jobs';
import { SmsConsoleMessageRepository, SmsPromptRepository } from '@app/persistence';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { escapeHtml, SURVEY_HEADERS } from './survey-page';

/** The development tools exist only with the console provider outside production. */
export function smsDevToolsEnabled(config: AppConfig): boolean {
  return config.NODE_ENV !== 'production' && smsProviderOf(config) === 'console';
}

const CSS = 'body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1a1a1a}li{margin:.6rem 0;word-break:break-all}form{display:inline}button{font:inherit;padding:.4rem .8rem;margin:.25rem .25rem .25rem 0}time{color:#4a5560}';

/**
 * Development only: the console provider's outbox (click the link a patient would get), and buttons that make the
 * next prompt due now and run the scheduler at once, so a whole protocol can be walked through in minutes.
 */
@ApiExcludeController()
@Public()
@Controller('dev/sms')
export class SmsDevController {
  constructor(
    private readonly messages: SmsConsoleMessageRepository,
    private readonly prompts: SmsPromptRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('outbox')
  async outbox(@Res() res: FastifyReply): Promise<void> {
    const items = (await this.messages.listRecent(50))
      .map((m) => `<li><time>${m.createdAt.toISOString()}</time> to …${escapeHtml(m.toPhone.slice(-4))}<br>${linkify(m.body)}</li>`)
      .join('\n');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>SMS outbox (development)</title><style>${CSS}</style></head><body>
<h1>SMS outbox (development)</h1>
<p>Messages the console provider "sent", newest first. The server clock reads <time>${this.clock.now().toISOString()}</time>. Reload after sending.</p>
<form method="post" action="/dev/sms/send-next"><button>Send the next prompt now</button></form>
<form method="post" action="/dev/sms/send-due"><button>Send all due prompts now</button></form>
<ul>${items || '<li>No messages yet. Record an intervention for a patient with a phone and SMS consent.</li>'}</ul></body></html>`;
    res.code(200).headers({ ...SURVEY_HEADERS, 'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'` }).send(html);
  }

  /** Makes the earliest pending prompt due now and runs the scheduler; the worker sends it within a moment. */
  @Post('send-next')
  async sendNext(@Res() res: FastifyReply): Promise<void> {
    await this.prompts.pullNextForward(this.clock.now());
    await this.jobs.queue({ name: JobName.SmsDispatchDue, data: {} });
    res.redirect('/dev/sms/outbox', 303);
  }

  @Post('send-due')
  async sendDue(@Res() res: FastifyReply): Promise<void> {
    await this.jobs.queue({ name: JobName.SmsDispatchDue, data: {} });
    res.redirect('/dev/sms/outbox', 303);
  }
}

function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s&]+/g, (url) => `<a href="${url}">${url}</a>`);
}
