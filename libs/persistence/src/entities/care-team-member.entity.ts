import { Entity, PrimaryColumn } from 'typeorm';

@Entity('care_team_member')
export class CareTeamMemberEntity {
  @PrimaryColumn({ name: 'care_team_id', type: 'uuid' }) careTeamId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
}
