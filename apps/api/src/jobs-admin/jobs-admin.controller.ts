import { ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TimeoutError, withTimeout } from '@app/config';
import { DeadLetters } from '@app/jobs';
import { Roles } from '../auth/roles.decorator';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { AuditService } from '../common/audit.service';
import { DeadLetterListDto, RetriedJobDto } from './dead-letter.dto';

/** Redis holds the jobs; when it is away the admin gets a 503 in this long rather than a hung page. */
const REDIS_TIMEOUT_MS = 5_000;
const JOB_ID = /^[\x21-\x7e]{1,200}$/;

/** Jobs that failed after all their attempts (dead letters), and a way to run one again. Admins only. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'Redis does not answer' })
@Controller('api/v1/admin/jobs')
export class JobsAdminController {
  constructor(private readonly deadLetters: DeadLetters, private readonly audit: AuditService) {}

  @Get('failed')
  @ApiOkResponse({ type: DeadLetterListDto })
  async failed(): Promise<DeadLetterListDto> {
    return { items: await redis(this.deadLetters.list()) };
  }

  @Post(':queue/:jobId/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RetriedJobDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such queue or job' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The job is not in the failed set (already retried, running or done)' })
  async retry(@CurrentActor() actor: Actor, @Param('queue') queue: string, @Param('jobId') jobId: string): Promise<RetriedJobDto> {
    if (!JOB_ID.test(jobId)) throw new NotFoundException('No such job.');
    const result = await redis(this.deadLetters.retry(queue, jobId));
    if (result.status === 'not_failed') throw new ConflictException('This job is not waiting in the failed set.');
    if (result.status !== 'retried') throw new NotFoundException('No such job.');
    await this.audit.recordRead(actor, {
      action: 'job.retry', resourceType: 'job', resourceId: `${result.job.queue}/${result.job.jobId}`,
      patientId: result.job.ids.patientId ?? null, details: { name: result.job.name, attemptsMade: result.job.attemptsMade },
    });
    return { queue: result.job.queue, jobId: result.job.jobId, status: 'queued' };
  }
}

async function redis<T>(work: Promise<T>): Promise<T> {
  try {
    return await withTimeout(work, REDIS_TIMEOUT_MS, 'Redis');
  } catch (error) {
    if (error instanceof TimeoutError || /ECONNREFUSED|Connection is closed|ETIMEDOUT/.test((error as Error)?.message ?? '')) {
      throw new ServiceUnavailableException('The job queue is unavailable; please retry shortly.');
    }
    throw error;
  }
}
