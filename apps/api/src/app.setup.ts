import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { useBodyParsing } from './common/body-parsing';
import { HttpDrain } from './common/http-drain';
import { useSecurityHeaders } from './security/security-headers';
import { createValidationPipe } from './common/validation';

/** Builds the api exactly as production runs it; tests call this too, so they exercise the same pipeline. */
export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  HttpDrain.install(app);
  useSecurityHeaders(app);
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(','), credentials: true });
  app.use(cookieParser());
  useBodyParsing(app);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  return app;
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ReliefTrace API')
      .setDescription('Records diagnostic interventions and 0–10 knee pain scores, and infers whether relief tracks knee- or spine-directed care.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
