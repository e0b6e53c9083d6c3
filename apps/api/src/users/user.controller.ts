import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../common/actor';
import { uuidParam } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { AddMemberDto, CreateCareTeamDto, CreateUserDto, UserDto } from './user.dto';
import { UserService } from './user.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post('users')
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Get('users')
  @ApiOkResponse({ type: [UserDto] })
  async list(): Promise<{ items: UserDto[] }> {
    return { items: await this.users.list() };
  }

  @Post('care-teams')
  createTeam(@CurrentActor() actor: Actor, @Body() dto: CreateCareTeamDto) {
    return this.users.createTeam(actor, dto.name);
  }

  @Get('care-teams')
  async listTeams() {
    return { items: await this.users.listTeams() };
  }

  @Post('care-teams/:careTeamId/members')
  @HttpCode(204)
  addMember(@CurrentActor() actor: Actor, @Param('careTeamId', uuidParam('careTeamId')) careTeamId: string, @Body() dto: AddMemberDto): Promise<void> {
    return this.users.addMember(actor, careTeamId, dto.userId);
  }
}
