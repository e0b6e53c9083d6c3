import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, smsProviderOf } from '@app/config';
import { SmsConsoleMessageRepository } from '@app/persistence';
import { ConsoleSmsProvider, NoSmsProvider } from './console-sms.provider';
import { SmsProvider } from './sms-provider';
import { TwilioSmsProvider } from './twilio-sms.provider';

/** Provides the SmsProvider chosen by SMS_PROVIDER (console by default outside production). */
@Module({})
export class SmsModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: SmsModule,
      providers: [
        {
          provide: SmsProvider,
          inject: [SmsConsoleMessageRepository],
          useFactory: (outbox: SmsConsoleMessageRepository): SmsProvider => {
            switch (smsProviderOf(config)) {
              case 'twilio': return new TwilioSmsProvider(config);
              case 'console': return new ConsoleSmsProvider(outbox);
              case 'none': return new NoSmsProvider();
            }
          },
        },
      ],
      exports: [SmsProvider],
    };
  }
}
