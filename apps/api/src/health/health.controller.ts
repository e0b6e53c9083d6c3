import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { RedisClient } from '@app/jobs';
import { DatabaseHealth } from '@app/persistence';
import { Public } from '../auth/roles.decorator';
import { HttpDrain } from '../common/http-drain';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: DatabaseHealth,
    private readonly redis: RedisClient,
  ) {}

  /** The process is up; says nothing about its dependencies (a restart would not fix them). */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: Postgres and Redis both answer. 503 otherwise, so a load balancer stops sending traffic. */
  @Get('ready')
  @HealthCheck()
  ready() {
    // Shutting down: tell the load balancer to stop sending traffic while requests in flight finish.
    const draining = HttpDrain.isDraining() ? [async () => this.indicator.check('api').down({ message: 'shutting down' })] : [];
    return this.health.check([
      ...draining,
      async () => {
        const check = this.indicator.check('postgres');
        const up = await this.db.ping(2_000);
        return up ? check.up() : check.down({ message: 'Postgres does not answer' });
      },
      async () => {
        const check = this.indicator.check('redis');
        return (await this.redis.ping(1_000)) ? check.up() : check.down({ message: 'Redis does not answer' });
      },
    ]);
  }
}
