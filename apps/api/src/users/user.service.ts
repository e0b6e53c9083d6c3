import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { TransactionRunner, UserRepository, type Tx, type UserRole } from '@app/persistence';
import { type Actor } from '../common/actor';
import { AuditService } from '../common/audit.service';
import { hashPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
import type { UserDto } from './user.dto';

export interface NewUser { email: string; password: string; role: UserRole; name: string; careTeamIds?: string[] }

@Injectable()
export class UserService {
  private readonly logger = new Logger(UserService.name);
  constructor(private readonly users: UserRepository, private readonly tx: TransactionRunner, private readonly audit: AuditService) {}

  async create(actor: Actor, input: NewUser): Promise<UserDto> {
    return this.tx.run(async (tx) => {
      const user = await this.insert(tx, input);
      await this.audit.record(tx, actor, { action: 'user.create', resourceType: 'user', resourceId: user.id, details: { role: user.role } });
      return user;
    });
  }

  /** First start: an admin from ADMIN_EMAIL / ADMIN_PASSWORD when the system has no user yet. */
  async bootstrapAdmin(email: string | undefined, password: string | undefined): Promise<'created' | 'exists' | 'not-configured'> {
    if ((await this.users.count()) > 0) return 'exists';
    if (!email || !password) {
      this.logger.warn('No user exists and ADMIN_EMAIL / ADMIN_PASSWORD are not set: nobody can sign in yet.');
      return 'not-configured';
    }
    const weak = passwordProblems(password, { email });
    // The operator set this in the environment: say which setting, not "password", so it can be fixed.
    if (weak.length > 0) throw new Error(`ADMIN_PASSWORD is not acceptable: ${weak.join('; ').replace(/^password /, '').replace(/; password /g, '; ')}`);
    await this.tx.run((tx) => this.insert(tx, { email, password, role: 'admin', name: 'Administrator' }));
    this.logger.log('Created the first admin from ADMIN_EMAIL.');
    return 'created';
  }

  async insert(tx: Tx, input: NewUser): Promise<UserDto> {
    const weak = passwordProblems(input.password, { email: input.email, name: input.name });
    if (weak.length > 0) throw new BadRequestException({ message: weak, errors: weak.map((problem) => ({ field: 'password', problem })) });
    if (await this.users.emailExists(input.email, tx)) throw new ConflictException(`email ${input.email.toLowerCase()} is already registered`);
    for (const teamId of input.careTeamIds ?? []) {
      if (!(await this.users.teamExists(teamId, tx))) throw new NotFoundException(`careTeamIds: care team ${teamId} does not exist`);
    }
    const user = await this.users.insert(tx, { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
    const careTeamIds = [...(input.careTeamIds ?? [])];
    if (careTeamIds.length === 0 && input.role === 'clinician') {
      careTeamIds.push((await this.users.createTeam(tx, `${input.name}'s team`)).id);
    }
    for (const teamId of careTeamIds) await this.users.addMember(tx, teamId, user.id);
    return { id: user.id, email: user.email, name: user.name, role: user.role, careTeamIds };
  }

  async list(): Promise<UserDto[]> {
    const [users, teams] = await Promise.all([this.users.list(), this.users.listTeams()]);
    return users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, careTeamIds: teams.filter((t) => t.memberIds.includes(u.id)).map((t) => t.id) }));
  }

  async createTeam(actor: Actor, name: string) {
    return this.tx.run(async (tx) => {
      const team = await this.users.createTeam(tx, name);
      await this.audit.record(tx, actor, { action: 'care_team.create', resourceType: 'care_team', resourceId: team.id });
      return { id: team.id, name: team.name, memberIds: [] as string[] };
    });
  }

  listTeams() {
    return this.users.listTeams();
  }

  async addMember(actor: Actor, careTeamId: string, userId: string): Promise<void> {
    await this.tx.run(async (tx) => {
      if (!(await this.users.teamExists(careTeamId, tx))) throw new NotFoundException(`care team ${careTeamId} does not exist`);
      if (!(await this.users.findWithTeams(userId))) throw new NotFoundException(`userId: user ${userId} does not exist`);
      await this.users.addMember(tx, careTeamId, userId);
      await this.audit.record(tx, actor, { action: 'care_team.add_member', resourceType: 'care_team', resourceId: careTeamId, details: { userId } });
    });
  }
}
