import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { uuidParam } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { CreatePatientDto, ListPatientsQuery, PatientDto, PatientPageDto } from './patient.dto';
import { PatientService } from './patient.service';

@ApiTags('patients')
@ApiBearerAuth()
@Roles('clinician')
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Only clinicians see identifiable patient records' })
@Controller('api/v1/patients')
export class PatientController {
  constructor(private readonly patients: PatientService) {}

  @Post()
  @ApiCreatedResponse({ type: PatientDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePatientDto): Promise<PatientDto> {
    return this.patients.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: PatientPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListPatientsQuery): Promise<PatientPageDto> {
    return this.patients.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PatientDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PatientDto> {
    return this.patients.get(actor, id);
  }
}
